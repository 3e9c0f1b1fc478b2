import { describe, expect, it } from "vitest";
import { CHART_COLORS } from "../../src/report/chartColors";
import { MAX_CHART_BARS, queryBars } from "../../src/report/queryBars";
import { QUERY_REPORT_SPECS } from "../../src/report/queryReportSpecs";

describe("queryBars", () => {
  it("labels a bar with the label columns joined, null ones as null, years ungrouped", () => {
    const bars = queryBars(
      [
        { age_group: "18-24", post_year: 2015, median_follower_count: 1200 },
        { age_group: null, post_year: 2016, median_follower_count: null },
      ],
      QUERY_REPORT_SPECS.q8,
    );
    expect(bars?.map(({ label, value }) => ({ label, value }))).toEqual([
      { label: "18-24 · 2015", value: 1200 },
      { label: "null · 2016", value: null },
    ]);
  });

  it("orders by value, largest first, keeping row order among ties and putting nulls last", () => {
    const rows = [
      { country: "a", poster_name: "p", follower_count: null },
      { country: "b", poster_name: "p", follower_count: 5 },
      { country: "c", poster_name: "p", follower_count: 9 },
      { country: "d", poster_name: "p", follower_count: 5 },
    ];
    expect(queryBars(rows, QUERY_REPORT_SPECS.q3)?.map((bar) => bar.label)).toEqual([
      "c · p",
      "b · p",
      "d · p",
      "a · p",
    ]);
    // Results in a meaningful order (years) keep it.
    const years = [
      { post_year: 2016, number_users_joined: 1 },
      { post_year: 2015, number_users_joined: 9 },
    ];
    expect(queryBars(years, QUERY_REPORT_SPECS.q6)?.map((bar) => bar.label)).toEqual(["2016", "2015"]);
  });

  it(`keeps at most ${MAX_CHART_BARS} bars`, () => {
    const rows = Array.from({ length: MAX_CHART_BARS + 1 }, (_, i) => ({
      post_year: i,
      number_users_joined: i,
    }));
    const bars = queryBars(rows, QUERY_REPORT_SPECS.q6)!;
    expect(bars).toHaveLength(MAX_CHART_BARS);
    expect(bars[0]!.label).toBe("0");
  });

  it("colors bars by the spec's color column, one color per value, else all alike", () => {
    const rows = [
      { country: "x", category: "art", category_count: 1 },
      { country: "y", category: "diy", category_count: 1 },
      { country: "z", category: "art", category_count: 1 },
    ];
    expect(queryBars(rows, QUERY_REPORT_SPECS.q1)?.map((bar) => bar.color)).toEqual([
      CHART_COLORS[0],
      CHART_COLORS[1],
      CHART_COLORS[0],
    ]);
    const single = queryBars([{ post_year: 1, number_users_joined: 1 }], QUERY_REPORT_SPECS.q6);
    expect(single?.map((bar) => bar.color)).toEqual([CHART_COLORS[0]]);
  });

  it("gives no bars when a value is not a number (nothing meaningful to draw)", () => {
    expect(queryBars([{ post_year: 2015, number_users_joined: "7" }], QUERY_REPORT_SPECS.q6)).toBeUndefined();
    expect(queryBars([{ post_year: 2015 }], QUERY_REPORT_SPECS.q6)).toBeUndefined();
    expect(queryBars([], QUERY_REPORT_SPECS.q6)).toEqual([]);
  });
});
