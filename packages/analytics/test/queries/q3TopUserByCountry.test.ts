import { describe, expect, it } from "vitest";
import { analyze, runQueries, toAnalyticsTables } from "../../src/index";
import { q3, q3Top } from "../../src/queries/q3TopUserByCountry";
import { cleanGeo, cleanPin } from "./cleanRecords";

describe("q3: user with most followers per country (pin ⋈ geo)", () => {
  it("takes each poster's maximum follower count per country, so a poster appears once", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "art", "Ann", 100), cleanPin(1, "art", "Ann", 500), cleanPin(2, "art", "Bob", 300)],
      geo: [cleanGeo(0, "Chad"), cleanGeo(1, "Chad"), cleanGeo(2, "Chad")],
      user: [],
    });
    expect(q3(tables)).toEqual([{ country: "Chad", poster_name: "Ann", follower_count: 500 }]);
  });

  it("ignores null follower counts, and a country with only null counts has no row", () => {
    const tables = toAnalyticsTables({
      pin: [
        cleanPin(0, "art", "Cid", null),
        cleanPin(1, "art", "Dee", 10),
        cleanPin(2, "art", "Eve", null),
        cleanPin(3, "art", "Dee", null),
      ],
      geo: [cleanGeo(0, "Peru"), cleanGeo(1, "Peru"), cleanGeo(2, "Oman"), cleanGeo(3, "Peru")],
      user: [],
    });
    expect(q3(tables)).toEqual([{ country: "Peru", poster_name: "Dee", follower_count: 10 }]);
  });

  it("keeps every tied poster with ties 'all' and the smallest name (null last) with 'first'", () => {
    const tables = toAnalyticsTables({
      pin: [
        cleanPin(0, "art", "Bob", 500),
        cleanPin(1, "art", "Ann", 500),
        cleanPin(2, "art", null, 500),
        cleanPin(3, "art", null, 70),
        cleanPin(4, "art", "Zed", 70),
      ],
      geo: ["Chad", "Chad", "Chad", null, null].map((country, ind) => cleanGeo(ind, country)),
      user: [],
    });
    expect(q3(tables)).toEqual([
      { country: "Chad", poster_name: "Ann", follower_count: 500 },
      { country: "Chad", poster_name: "Bob", follower_count: 500 },
      { country: "Chad", poster_name: null, follower_count: 500 },
      { country: null, poster_name: "Zed", follower_count: 70 },
      { country: null, poster_name: null, follower_count: 70 },
    ]);
    expect(q3(tables, { ties: "first" })).toEqual([
      { country: "Chad", poster_name: "Ann", follower_count: 500 },
      { country: null, poster_name: "Zed", follower_count: 70 },
    ]);
  });
});

describe("q3_top: the country whose top user has most followers", () => {
  const clean = {
    pin: [cleanPin(0, "art", "Ann", 900), cleanPin(1, "art", "Bob", 900), cleanPin(2, "art", "Cid", 800)],
    geo: [cleanGeo(0, "Peru"), cleanGeo(1, "Chad"), cleanGeo(2, "Oman")],
    user: [],
  };

  it("keeps every tied country with ties 'all' and the smallest name with 'first'", () => {
    const tables = toAnalyticsTables(clean);
    expect(q3Top(tables)).toEqual([
      { country: "Chad", follower_count: 900 },
      { country: "Peru", follower_count: 900 },
    ]);
    expect(q3Top(tables, { ties: "first" })).toEqual([{ country: "Chad", follower_count: 900 }]);
  });

  it("is the same whether computed alone or from q3's rows in runQueries / analyze", () => {
    const tables = toAnalyticsTables(clean);
    for (const ties of ["all", "first"] as const) {
      expect(runQueries(tables, { ties }).q3_top).toEqual(q3Top(tables, { ties }));
      expect(analyze(clean, { ties }).q3_top).toEqual(q3Top(tables, { ties }));
    }
  });

  it("is empty when no joined pin has a follower count", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "art", "Ann", null)],
      geo: [cleanGeo(0, "Peru")],
      user: [],
    });
    expect(q3Top(tables)).toEqual([]);
  });
});
