import { describe, expect, it } from "vitest";
import { AGE_GROUP_BOUNDS, toAnalyticsTables } from "../../src/index";
import { q4 } from "../../src/queries/q4CategoryByAgeGroup";
import { cleanPin, cleanUser } from "./cleanRecords";

describe("q4: most popular category per age group (pin ⋈ user)", () => {
  it("uses inclusive bounds 18-24, 25-35, 36-50, +50 and leaves out ages under 18 and null ages", () => {
    const ages = [18, 24, 25, 35, 36, 50, 51, 90, 17, 17, null, 24];
    const categories = ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "e", "e"];
    const tables = toAnalyticsTables({
      pin: categories.map((category, ind) => cleanPin(ind, category)),
      geo: [],
      user: ages.map((age, ind) => cleanUser(ind, age)),
    });
    // "e" would win 18-24 if the 17-year-olds or the null age counted.
    expect(q4(tables)).toEqual([
      { age_group: "18-24", category: "a", category_count: 2 },
      { age_group: "25-35", category: "b", category_count: 2 },
      { age_group: "36-50", category: "c", category_count: 2 },
      { age_group: "+50", category: "d", category_count: 2 },
    ]);
  });

  it("orders rows by age group from youngest, not alphabetically", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "x"), cleanPin(1, "x")],
      geo: [],
      user: [cleanUser(0, 60), cleanUser(1, 20)],
    });
    expect(q4(tables).map((row) => row.age_group)).toEqual(["18-24", "+50"]);
    expect(AGE_GROUP_BOUNDS.map((group) => group.label)).toEqual(["18-24", "25-35", "36-50", "+50"]);
  });

  it("keeps every tied category with ties 'all' and the smallest with 'first'", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(0, "travel"), cleanPin(1, "art")],
      geo: [],
      user: [cleanUser(0, 30), cleanUser(1, 31)],
    });
    expect(q4(tables).map((row) => row.category)).toEqual(["art", "travel"]);
    expect(q4(tables, { ties: "first" })).toEqual([
      { age_group: "25-35", category: "art", category_count: 1 },
    ]);
  });
});
