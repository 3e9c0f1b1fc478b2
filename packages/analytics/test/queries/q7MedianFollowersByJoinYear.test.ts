import { describe, expect, it } from "vitest";
import { analyze, toAnalyticsTables } from "../../src/index";
import { q7 } from "../../src/queries/q7MedianFollowersByJoinYear";
import { cleanPin, cleanUser } from "./cleanRecords";

describe("q7: median follower count by join year 2015-2020 (pin ⋈ user)", () => {
  const clean = {
    pin: [
      cleanPin(1, "art", "Ann", 100),
      cleanPin(2, "art", "Bob", 10),
      cleanPin(3, "art", "Cid", 20),
      cleanPin(4, "art", "Dee", 50),
      cleanPin(5, "art", "Eve", 99),
    ],
    geo: [],
    user: [
      // ind 1 appears three times: its pin counts three times unless deduplicated.
      cleanUser(1, 30, "2016-03-01 00:00:00"),
      cleanUser(1, 30, "2016-03-01 00:00:00"),
      cleanUser(1, 30, "2016-03-01 00:00:00"),
      cleanUser(2, 30, "2016-04-01 00:00:00"),
      cleanUser(3, 30, "2016-05-01 00:00:00"),
      cleanUser(4, 30, "2019-01-01 00:00:00"),
      cleanUser(5, 30, "2021-01-01 00:00:00"),
    ],
  };

  it("multiplies a repeated ind through the join (weights its pin) when dedupe is off", () => {
    // 2016: 10 20 100 100 100 → 100; 2019: 50; 2021 is out of range.
    expect(analyze(clean).q7).toEqual([
      { post_year: 2016, median_follower_count: 100 },
      { post_year: 2019, median_follower_count: 50 },
    ]);
  });

  it("counts each record once with dedupe, lower and exact medians", () => {
    // 2016: 10 20 100 → 20 either way (odd count).
    expect(analyze(clean, { dedupe: true }).q7).toEqual([
      { post_year: 2016, median_follower_count: 20 },
      { post_year: 2019, median_follower_count: 50 },
    ]);
    const even = { ...clean, pin: [...clean.pin, cleanPin(2, "travel", "Bob", 31)] };
    // 2016: 10 20 31 100 → lower 20, exact 25.5.
    expect(analyze(even, { dedupe: true }).q7[0]).toEqual({ post_year: 2016, median_follower_count: 20 });
    expect(analyze(even, { dedupe: true, median: "exact" }).q7[0]).toEqual({
      post_year: 2016,
      median_follower_count: 25.5,
    });
  });

  it("runs alone on columnar tables with the same result as in analyze", () => {
    expect(q7(toAnalyticsTables(clean), { median: "exact" })).toEqual([
      { post_year: 2016, median_follower_count: 100 },
      { post_year: 2019, median_follower_count: 50 },
    ]);
  });
});
