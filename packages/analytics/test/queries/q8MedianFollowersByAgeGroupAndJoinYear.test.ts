import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../../src/index";
import { q8 } from "../../src/queries/q8MedianFollowersByAgeGroupAndJoinYear";
import { cleanPin, cleanUser } from "./cleanRecords";

describe("q8: median follower count by age group and join year (pin ⋈ user)", () => {
  // [age, date_joined, follower_count], one pin per user.
  const rows: [number | null, string | null, number | null][] = [
    [20, "2015-01-01 00:00:00", 4],
    [21, "2015-09-01 00:00:00", 8],
    [22, "2017-01-01 00:00:00", 1],
    [40, "2015-02-01 00:00:00", 6],
    [40, "2015-03-01 00:00:00", 2],
    [40, "2015-04-01 00:00:00", 9],
    [40, "2022-01-01 00:00:00", 100], // year out of range
    [16, "2015-01-01 00:00:00", 100], // no age group
    [30, null, 100], // no join year
  ];
  const tables = toAnalyticsTables({
    pin: rows.map(([, , followers], ind) => cleanPin(ind, "art", "p", followers)),
    geo: [],
    user: rows.map(([age, joined], ind) => cleanUser(ind, age, joined)),
  });

  it("groups by (age group, join year), ordered by age group then year", () => {
    expect(q8(tables)).toEqual([
      { age_group: "18-24", post_year: 2015, median_follower_count: 4 },
      { age_group: "18-24", post_year: 2017, median_follower_count: 1 },
      { age_group: "36-50", post_year: 2015, median_follower_count: 6 },
    ]);
    expect(q8(tables, { median: "exact" })[0]).toEqual({
      age_group: "18-24",
      post_year: 2015,
      median_follower_count: 6,
    });
  });
});
