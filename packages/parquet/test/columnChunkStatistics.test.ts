import { describe, expect, it } from "vitest";
import { compareBytes, mergeChunkStatistics, toColumnStatistics } from "../src/columnChunkStatistics";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("columnChunkStatistics", () => {
  it("orders strings by UTF-8 bytes (code points), not UTF-16 units", () => {
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit.
    const a = utf8("\uff5e");
    const b = utf8("😀");
    expect(compareBytes(a, 0, a.length, b, 0, b.length)).toBeLessThan(0);
    expect("\uff5e" < "😀").toBe(false);
    const ab = utf8("ab");
    expect(compareBytes(ab, 0, 1, ab, 0, 2)).toBeLessThan(0);
  });

  it("merges chunk statistics and converts them to public values", () => {
    const merged = mergeChunkStatistics(
      { nullCount: 2, min: utf8("b"), max: utf8("d") },
      { nullCount: 1, min: utf8("a"), max: utf8("c") },
    );
    expect(toColumnStatistics(merged, "utf8")).toEqual({ nullCount: 3, min: "a", max: "d" });
    expect(
      mergeChunkStatistics({ nullCount: 1, min: null, max: null }, { nullCount: 0, min: 5, max: 7 }),
    ).toEqual({
      nullCount: 1,
      min: 5,
      max: 7,
    });
    expect(toColumnStatistics({ nullCount: 4, min: 1, max: 2 }, "double-pair")).toEqual({
      nullCount: 4,
      min: null,
      max: null,
    });
  });
});
