import { describe, expect, it } from "vitest";
import { cleanerFor, cleanGeo, cleanPin, cleanUser, type TableName } from "../src/index";

describe("cleanerFor", () => {
  it("gives the cleaner of each table", () => {
    expect(cleanerFor("pin")).toBe(cleanPin);
    expect(cleanerFor("geo")).toBe(cleanGeo);
    expect(cleanerFor("user")).toBe(cleanUser);
  });

  it("throws a RangeError for anything else, inherited names included", () => {
    for (const bad of ["pins", "", "__proto__", "toString", "constructor", 1, null, undefined]) {
      expect(() => cleanerFor(bad as TableName), String(bad)).toThrow(RangeError);
    }
  });
});
