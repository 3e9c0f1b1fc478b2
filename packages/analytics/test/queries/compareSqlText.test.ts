import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareSqlText } from "../../src/queries/compareSqlText";

describe("compareSqlText", () => {
  it("orders by UTF-8 bytes (code points), like DuckDB's and Spark's binary collation", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
        expect(Math.sign(compareSqlText(a, b))).toBe(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it("puts U+FF21 before an astral character although JavaScript's < says otherwise", () => {
    expect("\uFF21" > "\u{1F600}").toBe(true);
    expect(compareSqlText("\uFF21", "\u{1F600}")).toBeLessThan(0);
  });

  it("puts null after every string and equal to null", () => {
    expect(["b", null, "", "a"].sort(compareSqlText)).toEqual(["", "a", "b", null]);
    expect(compareSqlText(null, null)).toBe(0);
  });
});
