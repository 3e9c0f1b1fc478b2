import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateOutputPath } from "../../src/output/index";

describe("validateOutputPath", () => {
  it("returns relative, /-separated paths unchanged", () => {
    expect(validateOutputPath("runs/2026-11-23/manifest.json")).toBe("runs/2026-11-23/manifest.json");
    expect(validateOutputPath("tables/pin/category=a%2Fb/part-00000.parquet")).toBe(
      "tables/pin/category=a%2Fb/part-00000.parquet",
    );
    expect(validateOutputPath("ünï cøde.json")).toBe("ünï cøde.json");
    expect(validateOutputPath("..hidden/x..y")).toBe("..hidden/x..y");
  });

  it.each([
    ["../etc/passwd", /"\." or "\.\." segments/],
    ["runs/../../x", /"\." or "\.\." segments/],
    ["runs/./x", /"\." or "\.\." segments/],
    ["..", /"\." or "\.\." segments/],
    ["/etc/passwd", /relative/],
    ["C:/Windows/x", /drive letter/],
    ["runs\\x", /must not contain "\\"/],
    ["runs//x", /empty segment/],
    ["runs/x/", /empty segment/],
    ["a\u0000b", /control characters/],
    ["a\nb", /control characters/],
    ["", /must not be empty/],
    ["x".repeat(901), /longer than 900 bytes/],
  ])("rejects %j", (path, message) => {
    expect(() => validateOutputPath(path)).toThrow(RangeError);
    expect(() => validateOutputPath(path)).toThrow(message);
  });

  it("rejects values that are not strings", () => {
    expect(() => validateOutputPath(42 as unknown as string)).toThrow(/must be a string/);
  });

  it("accepts an empty prefix and a trailing slash only for prefixes", () => {
    expect(validateOutputPath("", { prefix: true })).toBe("");
    expect(validateOutputPath("runs/", { prefix: true })).toBe("runs/");
    expect(() => validateOutputPath("../", { prefix: true })).toThrow(/"\." or "\.\." segments/);
    expect(() => validateOutputPath("/runs/", { prefix: true })).toThrow(/relative/);
  });

  it("never accepts a path with a '..' segment or a leading slash, whatever surrounds it", () => {
    const segment = fc.stringMatching(/^[a-z0-9=._-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        fc.array(segment, { maxLength: 4 }),
        (before, after) => {
          const dotted = [...before, "..", ...after].join("/");
          expect(() => validateOutputPath(dotted)).toThrow(RangeError);
          expect(() => validateOutputPath(`/${[...before, "x"].join("/")}`)).toThrow(RangeError);
        },
      ),
    );
  });
});
