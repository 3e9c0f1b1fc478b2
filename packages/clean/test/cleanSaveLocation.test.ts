import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanSaveLocation, SAVE_LOCATION_PREFIX } from "../src/index";

describe("cleanSaveLocation", () => {
  it("removes the producers' prefix", () => {
    expect(cleanSaveLocation("Local save in /data/art")).toBe("/data/art");
    expect(cleanSaveLocation("Local save in /data/diy-and-crafts")).toBe("/data/diy-and-crafts");
  });

  it("keeps paths that are already clean, byte for byte", () => {
    expect(cleanSaveLocation("/data/art")).toBe("/data/art");
    expect(cleanSaveLocation(" /data/art\u00a0")).toBe(" /data/art\u00a0");
    expect(cleanSaveLocation("local save in /data/art")).toBe("local save in /data/art"); // not the prefix
  });

  it("removes a doubled prefix, so that it is idempotent", () => {
    expect(cleanSaveLocation("Local save in Local save in /data/art")).toBe("/data/art");
  });

  it("returns null for empty, blank or prefix-only values", () => {
    for (const empty of [
      "",
      "  ",
      "\u00a0",
      "Local save in ",
      "Local save in \t",
      SAVE_LOCATION_PREFIX.repeat(3),
    ]) {
      expect(cleanSaveLocation(empty), JSON.stringify(empty)).toBeNull();
    }
  });

  it("returns null for non-strings", () => {
    for (const bad of [null, undefined, 42, true, {}, ["/data/art"], { path: "/data/art" }]) {
      expect(cleanSaveLocation(bad)).toBeNull();
    }
  });

  it("gives the same answers for many distinct and long values, asked repeatedly", () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `/data/${"x".repeat(i % 400)}${i}`);
    for (let round = 0; round < 2; round++) {
      expect(paths.map((path) => cleanSaveLocation(SAVE_LOCATION_PREFIX + path))).toEqual(paths);
      expect(paths.map((path) => cleanSaveLocation(path))).toEqual(paths);
      expect(cleanSaveLocation(`${SAVE_LOCATION_PREFIX} `)).toBeNull();
    }
  });

  it("is idempotent (property)", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((rest) => SAVE_LOCATION_PREFIX + rest),
      fc.string().map((rest) => SAVE_LOCATION_PREFIX + SAVE_LOCATION_PREFIX + rest),
    );
    fc.assert(
      fc.property(fc.oneof(text, fc.jsonValue()), (value) => {
        const once = cleanSaveLocation(value);
        expect(cleanSaveLocation(once)).toBe(once);
      }),
    );
  });

  it("returns what follows the prefix whenever that is not blank (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (rest) => {
        fc.pre(rest.trim() !== "" && !rest.startsWith(SAVE_LOCATION_PREFIX));
        expect(cleanSaveLocation(SAVE_LOCATION_PREFIX + rest)).toBe(rest);
      }),
    );
  });
});
