import { describe, expect, it } from "vitest";
import { analyze, toAnalyticsTables } from "../../src/index";
import { q1 } from "../../src/queries/q1CategoryByCountry";
import { cleanGeo, cleanPin } from "./cleanRecords";

describe("q1: most popular category per country (pin ⋈ geo)", () => {
  it("counts joined rows per (country, category) and keeps each country's highest count", () => {
    const tables = toAnalyticsTables({
      pin: [
        cleanPin(0, "art"),
        cleanPin(1, "art"),
        cleanPin(2, "travel"),
        cleanPin(3, "travel"),
        cleanPin(4, "food"),
      ],
      geo: [
        cleanGeo(0, "Chad"),
        cleanGeo(1, "Chad"),
        cleanGeo(2, "Chad"),
        cleanGeo(3, "Peru"),
        cleanGeo(4, "Peru"),
      ],
      user: [],
    });
    // Chad: art 2, travel 1. Peru: travel 1, food 1 (a tie).
    expect(q1(tables)).toEqual([
      { country: "Chad", category: "art", category_count: 2 },
      { country: "Peru", category: "food", category_count: 1 },
      { country: "Peru", category: "travel", category_count: 1 },
    ]);
  });

  it("keeps every tied category with ties 'all' (the default) and the smallest name with 'first'", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "travel"), cleanPin(1, "art"), cleanPin(2, "beauty"), cleanPin(3, "beauty")],
      geo: [cleanGeo(0, "Chad"), cleanGeo(1, "Chad"), cleanGeo(2, "Peru"), cleanGeo(3, "Chad")],
      user: [],
    });
    expect(q1(tables, { ties: "all" })).toEqual([
      { country: "Chad", category: "art", category_count: 1 },
      { country: "Chad", category: "beauty", category_count: 1 },
      { country: "Chad", category: "travel", category_count: 1 },
      { country: "Peru", category: "beauty", category_count: 1 },
    ]);
    expect(q1(tables, { ties: "first" })).toEqual([
      { country: "Chad", category: "art", category_count: 1 },
      { country: "Peru", category: "beauty", category_count: 1 },
    ]);
  });

  it("orders names by code point, as SQL's binary collation does (uppercase before lowercase)", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "art"), cleanPin(1, "Zoo")],
      geo: [cleanGeo(0, "chad"), cleanGeo(1, "Chad")],
      user: [],
    });
    expect(q1(tables).map((row) => row.country)).toEqual(["Chad", "chad"]);
  });

  it("treats a null country and a null category as groups of their own, sorted last", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, null), cleanPin(1, null), cleanPin(2, "art"), cleanPin(3, null), cleanPin(4, "art")],
      geo: ["Chad", "Chad", "Chad", null, null].map((country, ind) => cleanGeo(ind, country)),
      user: [],
    });
    // Chad: null category 2 beats art 1. Null country: null 1 ties art 1.
    expect(q1(tables)).toEqual([
      { country: "Chad", category: null, category_count: 2 },
      { country: null, category: "art", category_count: 1 },
      { country: null, category: null, category_count: 1 },
    ]);
    // With ties "first", a named category beats a null one.
    expect(q1(tables, { ties: "first" })).toEqual([
      { country: "Chad", category: null, category_count: 2 },
      { country: null, category: "art", category_count: 1 },
    ]);
  });

  it("is an inner join: pins without a geo row and geo rows without a pin are left out", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "art"), cleanPin(5, "travel")],
      geo: [cleanGeo(0, "Chad"), cleanGeo(7, "Peru")],
      user: [],
    });
    expect(q1(tables)).toEqual([{ country: "Chad", category: "art", category_count: 1 }]);
  });

  it("multiplies a repeated ind through the join unless dedupe drops the duplicate records", () => {
    const clean = {
      pin: [cleanPin(3, "art"), cleanPin(3, "art"), cleanPin(4, "travel"), cleanPin(4, "travel")],
      geo: [cleanGeo(3, "Chad"), cleanGeo(3, "Chad"), cleanGeo(3, "Chad"), cleanGeo(4, "Chad")],
      user: [],
    };
    // art: 2 pins × 3 geo rows = 6; travel: 2 × 1 = 2.
    expect(analyze(clean).q1).toEqual([{ country: "Chad", category: "art", category_count: 6 }]);
    // Deduplicated: one art pin × one geo row, one travel pin × one geo row, a tie.
    expect(analyze(clean, { dedupe: true }).q1).toEqual([
      { country: "Chad", category: "art", category_count: 1 },
      { country: "Chad", category: "travel", category_count: 1 },
    ]);
  });

  it("returns no rows for empty tables", () => {
    expect(q1(toAnalyticsTables({ pin: [], geo: [], user: [] }))).toEqual([]);
  });
});
