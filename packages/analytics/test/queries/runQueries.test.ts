import { describe, expect, it } from "vitest";
import type { AnalyticsTables } from "../../src/index";
import { analyze, runQueries, toAnalyticsTables } from "../../src/index";
import { q1 } from "../../src/queries/q1CategoryByCountry";
import { q2 } from "../../src/queries/q2CategoryByYear";
import { q3, q3Top } from "../../src/queries/q3TopUserByCountry";
import { q4 } from "../../src/queries/q4CategoryByAgeGroup";
import { q5 } from "../../src/queries/q5MedianFollowersByAgeGroup";
import { q6 } from "../../src/queries/q6UsersJoinedByYear";
import { q7 } from "../../src/queries/q7MedianFollowersByJoinYear";
import { q8 } from "../../src/queries/q8MedianFollowersByAgeGroupAndJoinYear";
import { QueryContext } from "../../src/queries/queryContext";
import { cleanGeo, cleanPin, cleanUser } from "./cleanRecords";

const clean = {
  pin: [
    cleanPin(0, "art", "Ann", 10),
    cleanPin(1, "travel", "Bob", 20),
    cleanPin(2, "art", "Cid", null),
    cleanPin(3, null, null, 40),
  ],
  geo: [
    cleanGeo(0, "Chad", "2019-01-01 00:00:00"),
    cleanGeo(1, "Peru", "2020-01-01 00:00:00"),
    cleanGeo(2, "Chad", null),
    cleanGeo(3, null, "2018-01-01 00:00:00"),
  ],
  user: [cleanUser(0, 20), cleanUser(1, 40, "2015-01-01 00:00:00"), cleanUser(2, 12), cleanUser(3, null)],
};

describe("runQueries", () => {
  it("returns each query's own result, under every option combination", () => {
    const tables = toAnalyticsTables(clean);
    for (const ties of ["all", "first"] as const) {
      for (const median of ["lower", "exact"] as const) {
        const options = { ties, median };
        const context = new QueryContext(tables);
        expect(runQueries(tables, options)).toEqual({
          q1: q1(tables, options),
          q2: q2(tables, options),
          q3: q3(context, options),
          q3_top: q3Top(context, options),
          q4: q4(context, options),
          q5: q5(context, options),
          q6: q6(context, options),
          q7: q7(context, options),
          q8: q8(context, options),
        });
        expect(analyze(clean, options)).toEqual(runQueries(tables, options));
      }
    }
  });

  it("gives empty results for empty tables", () => {
    const results = runQueries(toAnalyticsTables({ pin: [], geo: [], user: [] }));
    expect(Object.values(results).every((rows) => rows.length === 0)).toBe(true);
    expect(Object.keys(results)).toEqual(["q1", "q2", "q3", "q3_top", "q4", "q5", "q6", "q7", "q8"]);
  });

  it("handles sparse ind values and key spaces too large for flat lookup tables", () => {
    // 2,100 countries × 2,100 posters exceeds the flat grouping table; inds 10^9 apart defeat the dense join.
    const n = 2100;
    const ind = (i: number) => i * 1_000_000_000 + 7;
    const big = toAnalyticsTables({
      pin: Array.from({ length: n }, (_, i) => cleanPin(ind(i), "art", `poster${i}`, i)),
      geo: Array.from({ length: n }, (_, i) => cleanGeo(ind(n - 1 - i), `country${n - 1 - i}`)),
      user: [],
    });
    const expected = Array.from({ length: n }, (_, i) => ({
      country: `country${i}`,
      poster_name: `poster${i}`,
      follower_count: i,
    })).sort((a, b) => (a.country < b.country ? -1 : 1));
    expect(q3(big)).toEqual(expected);
    expect(q3Top(big)).toEqual([{ country: `country${n - 1}`, follower_count: n - 1 }]);
  });

  it("rejects tables whose columns disagree with their length", () => {
    const tables = toAnalyticsTables(clean);
    const broken: AnalyticsTables = { ...tables, geo: { ...tables.geo, country: new Int32Array(1) } };
    expect(() => runQueries(broken)).toThrow(new RangeError("geo.country has 1 values but geo.length is 4"));
  });

  it("rejects dictionary ids outside the shared dictionary", () => {
    const tables = toAnalyticsTables(clean);
    const category = Int32Array.from(tables.pin.category);
    category[1] = tables.strings.length;
    const broken: AnalyticsTables = { ...tables, pin: { ...tables.pin, category } };
    expect(() => q1(broken)).toThrow(RangeError);
    expect(() => q1(broken)).toThrow(/dictionary id \d+ at row 1/);
  });

  it("groups equal strings together even when the dictionary holds them under two ids", () => {
    // A dictionary merged from two ingesters may repeat a value.
    const tables: AnalyticsTables = {
      strings: ["art", "Chad", "art"],
      pin: {
        length: 2,
        ind: new Float64Array([0, 1]),
        followerCount: new Float64Array([1, 2]),
        posterName: new Int32Array([-1, -1]),
        category: new Int32Array([0, 2]),
      },
      geo: {
        length: 2,
        ind: new Float64Array([0, 1]),
        country: new Int32Array([1, 1]),
        timestamp: new Float64Array([0, 0]),
      },
      user: { length: 0, ind: new Float64Array(), age: new Float64Array(), dateJoined: new Float64Array() },
    };
    expect(q1(tables)).toEqual([{ country: "Chad", category: "art", category_count: 2 }]);
  });
});
