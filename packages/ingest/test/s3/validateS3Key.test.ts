import { describe, expect, it } from "vitest";
import { validateS3Key } from "../../src/index";

describe("validateS3Key", () => {
  it("accepts ordinary keys, including non-ASCII and dots inside names", () => {
    for (const key of [
      "a",
      "tables/pin/part-0.parquet",
      "topics/x.pin/partition=0/x.pin+0+0000000000.json",
      "é/..a/b..",
      "a/.b",
    ]) {
      expect(validateS3Key(key)).toBe(key);
    }
    expect(validateS3Key("x".repeat(1024))).toHaveLength(1024);
  });

  it.each([
    ["empty", ""],
    ["absolute", "/a"],
    ["a parent segment", "a/../b"],
    ["a leading parent segment", "../a"],
    ["a current segment", "a/./b"],
    ["an empty segment", "a//b"],
    ["a trailing slash", "a/"],
    ["a backslash", "a\\b"],
    ["a control character", "a\nb"],
    ["DEL", "a\u007fb"],
    ["over 1024 bytes", "é".repeat(513)],
  ])("rejects %s", (_, key) => {
    expect(() => validateS3Key(key)).toThrow(RangeError);
  });

  it("allows a trailing slash only for folder prefixes", () => {
    expect(validateS3Key("topics/", { allowFolder: true })).toBe("topics/");
    expect(() => validateS3Key("topics//", { allowFolder: true })).toThrow(RangeError);
    expect(() => validateS3Key("../", { allowFolder: true })).toThrow(RangeError);
  });

  it("rejects values that are not strings", () => {
    expect(() => validateS3Key(42 as unknown as string)).toThrow(RangeError);
  });
});
