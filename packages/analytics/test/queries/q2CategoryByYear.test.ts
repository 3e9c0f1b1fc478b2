import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../../src/index";
import { q2 } from "../../src/queries/q2CategoryByYear";
import { cleanGeo, cleanPin } from "./cleanRecords";

describe("q2: most popular category per year 2018-2022 (pin ⋈ geo)", () => {
  it("groups by the UTC year of the geo timestamp and leaves out other years and null timestamps", () => {
    const tables = toAnalyticsTables({
      pin: [
        cleanPin(0, "art"),
        cleanPin(1, "art"),
        cleanPin(2, "travel"),
        cleanPin(3, "food"),
        cleanPin(4, "food"),
        cleanPin(5, "food"),
        cleanPin(6, "food"),
      ],
      geo: [
        cleanGeo(0, "Chad", "2018-01-01 00:00:00"),
        cleanGeo(1, "Chad", "2018-07-01 12:00:00"),
        cleanGeo(2, "Chad", "2022-12-31 23:59:59"),
        cleanGeo(3, "Chad", "2017-12-31 23:59:59"),
        cleanGeo(4, "Chad", "2023-01-01 00:00:00"),
        cleanGeo(5, "Chad", null),
        cleanGeo(6, "Chad", "2023-06-01 00:00:00"),
      ],
      user: [],
    });
    // food has the most pins overall, but none of them falls in 2018 … 2022.
    expect(q2(tables)).toEqual([
      { post_year: 2018, category: "art", category_count: 2 },
      { post_year: 2022, category: "travel", category_count: 1 },
    ]);
  });

  it("keeps every tied category with ties 'all' and the smallest (null last) with 'first'", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, null), cleanPin(1, "travel"), cleanPin(2, "art"), cleanPin(3, "art")],
      geo: [
        cleanGeo(0, "Chad", "2020-03-01 00:00:00"),
        cleanGeo(1, "Chad", "2020-04-01 00:00:00"),
        cleanGeo(2, "Chad", "2020-05-01 00:00:00"),
        cleanGeo(3, "Chad", "2021-05-01 00:00:00"),
      ],
      user: [],
    });
    expect(q2(tables)).toEqual([
      { post_year: 2020, category: "art", category_count: 1 },
      { post_year: 2020, category: "travel", category_count: 1 },
      { post_year: 2020, category: null, category_count: 1 },
      { post_year: 2021, category: "art", category_count: 1 },
    ]);
    expect(q2(tables, { ties: "first" })).toEqual([
      { post_year: 2020, category: "art", category_count: 1 },
      { post_year: 2021, category: "art", category_count: 1 },
    ]);
  });
});
