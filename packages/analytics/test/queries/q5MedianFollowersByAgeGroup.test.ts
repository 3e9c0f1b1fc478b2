import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../../src/index";
import { q5 } from "../../src/queries/q5MedianFollowersByAgeGroup";
import { cleanPin, cleanUser } from "./cleanRecords";

describe("q5: median follower count per age group (pin ⋈ user)", () => {
  // One user per pin; [age, follower_count].
  const rows: [number | null, number | null][] = [
    [20, 10],
    [21, 40],
    [22, 20],
    [23, 30], // 18-24: 10 20 30 40 (even)
    [30, 5],
    [31, 1],
    [32, 3], // 25-35: 1 3 5 (odd)
    [40, null],
    [41, 7],
    [42, null], // 36-50: nulls ignored, 7
    [60, null], // +50: only a null count
    [17, 1000],
    [null, 1000], // no age group
  ];
  const tables = toAnalyticsTables({
    pin: rows.map(([, followers], ind) => cleanPin(ind, "art", "poster", followers)),
    geo: [],
    user: rows.map(([age], ind) => cleanUser(ind, age)),
  });

  it("reports the lower middle value by default (percentile_disc)", () => {
    expect(q5(tables)).toEqual([
      { age_group: "18-24", median_follower_count: 20 },
      { age_group: "25-35", median_follower_count: 3 },
      { age_group: "36-50", median_follower_count: 7 },
      { age_group: "+50", median_follower_count: null },
    ]);
  });

  it("reports the mean of the two middle values with median 'exact' (percentile_cont)", () => {
    expect(q5(tables, { median: "exact" })).toEqual([
      { age_group: "18-24", median_follower_count: 25 },
      { age_group: "25-35", median_follower_count: 3 },
      { age_group: "36-50", median_follower_count: 7 },
      { age_group: "+50", median_follower_count: null },
    ]);
  });

  it("is not affected by the ties option", () => {
    expect(q5(tables, { ties: "first" })).toEqual(q5(tables));
  });
});
