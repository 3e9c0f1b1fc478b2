import { CleanPinSchema, PIN_COLUMNS } from "@pinpipe/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanPin, NO_ISSUES } from "../src/index";
import { rawPin, rawPinComplete, rawPinHalfCleaned } from "./fixtures/rawRecords";
import { anyJsonInput, rawPinRecord, recordOfJsonValues } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

const RAW_PIN_KEYS = [...Object.keys(rawPinComplete), "ind"];

describe("cleanPin", () => {
  it("cleans a complete producer row into the clean columns", () => {
    const result = cleanPin(rawPinComplete);
    expect(result).toEqual({
      ok: true,
      issues: [],
      value: {
        ind: 2863,
        unique_id: "9bf39437-42a6-4f02-99a0-9a0383d8cd70",
        title: "25 Super Fun Summer Crafts for Kids - Of Life and Lisa",
        description: "Keep the kids busy this summer with these easy diy crafts and projects.\u00a0",
        follower_count: 124_000,
        poster_name: "Of Life & Lisa | Lifestyle Blog",
        tag_list: "Summer Crafts For Kids,Summer Kids,Diy For Kids,Crafts For Kids",
        is_image_or_video: "image",
        image_src: "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fb1d4f4c94.jpg",
        save_location: "/data/diy-and-crafts",
        category: "diy-and-crafts",
      },
    });
    expect(result.issues).toBe(NO_ISSUES);
  });

  it("outputs exactly the clean pin columns, in order, dropping downloaded and unknown fields", () => {
    const result = cleanPin({ ...rawPinComplete, extra: "x", ind: 5 });
    expect(result.ok && Object.keys(result.value)).toEqual([...PIN_COLUMNS]);
    expect(result.ok && result.value.ind).toBe(2863); // `index` wins over `ind`
  });

  it("keeps non-placeholder strings byte for byte, trailing no-break spaces included", () => {
    const raw = { ...rawPinComplete, title: "  Fox  ", description: "Fox\u00a0", tag_list: "a,b,\u00a0" };
    const result = cleanPin(raw);
    expect(result.ok && [result.value.title, result.value.description, result.value.tag_list]).toEqual([
      "  Fox  ",
      "Fox\u00a0",
      "a,b,\u00a0",
    ]);
  });

  it("turns every placeholder into null and reports each one (rule placeholder)", () => {
    const result = cleanPin(rawPin);
    expect(result.ok && result.value).toEqual({
      ind: 7528,
      unique_id: "fbe53c66-3442-4773-b19e-d3ec6f54dddf",
      title: null,
      description: null,
      follower_count: null,
      poster_name: null,
      tag_list: null,
      is_image_or_video: "multi-video(story page format)",
      image_src: null,
      save_location: "/data/mens-fashion",
      category: "mens-fashion",
    });
    expect(result.issues).toEqual([
      { field: "title", value: "No Title Data Available", rule: "placeholder" },
      { field: "description", value: "No description available Story format", rule: "placeholder" },
      { field: "follower_count", value: "User Info Error", rule: "placeholder" },
      { field: "poster_name", value: "User Info Error", rule: "placeholder" },
      { field: "tag_list", value: "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", rule: "placeholder" },
      { field: "image_src", value: "Image src error.", rule: "placeholder" },
    ]);
  });

  it("treats empty and blank strings as placeholders in every string column", () => {
    const result = cleanPin({ ...rawPinComplete, unique_id: "", category: " \u00a0", follower_count: "\t" });
    expect(result.ok && [result.value.unique_id, result.value.category, result.value.follower_count]).toEqual(
      [null, null, null],
    );
    expect(result.issues.map((i) => [i.field, i.rule])).toEqual([
      ["unique_id", "placeholder"],
      ["follower_count", "placeholder"],
      ["category", "placeholder"],
    ]);
  });

  it("accepts half-cleaned rows: ind as key, numeric count, null as silent no-data", () => {
    const result = cleanPin(rawPinHalfCleaned);
    expect(result.issues).toBe(NO_ISSUES);
    expect(result.ok && result.value).toMatchObject({
      ind: 10794,
      follower_count: 211_000,
      poster_name: null,
      tag_list: null,
      image_src: null,
      save_location: "/data/vehicles",
    });
  });

  it("reports an unparseable follower count and keeps the record (rule unparseable_follower_count)", () => {
    for (const count of ["12 k", "1.2345k", "-5", 1.5, -3]) {
      const result = cleanPin({ ...rawPinComplete, follower_count: count });
      expect(result.ok && result.value.follower_count).toBeNull();
      expect(result.issues).toEqual([
        { field: "follower_count", value: count, rule: "unparseable_follower_count" },
      ]);
    }
  });

  it("reports a save location that is only the prefix (rule empty_save_location)", () => {
    const result = cleanPin({ ...rawPinComplete, save_location: "Local save in " });
    expect(result.ok && result.value.save_location).toBeNull();
    expect(result.issues).toEqual([
      { field: "save_location", value: "Local save in ", rule: "empty_save_location" },
    ]);
  });

  it("reports values of the wrong type (rule wrong_type)", () => {
    const result = cleanPin({ ...rawPinComplete, title: 42, tag_list: ["a", "b"], follower_count: true });
    expect(result.ok && [result.value.title, result.value.tag_list, result.value.follower_count]).toEqual([
      null,
      null,
      null,
    ]);
    expect(result.issues).toEqual([
      { field: "title", value: 42, rule: "wrong_type" },
      { field: "follower_count", value: true, rule: "wrong_type" },
      { field: "tag_list", value: ["a", "b"], rule: "wrong_type" },
    ]);
  });

  it("reports absent columns (rule missing_field)", () => {
    const { description: _d, category: _c, ...raw } = rawPinComplete;
    const result = cleanPin(raw);
    expect(result.ok && [result.value.description, result.value.category]).toEqual([null, null]);
    expect(result.issues).toEqual([
      { field: "description", value: undefined, rule: "missing_field" },
      { field: "category", value: undefined, rule: "missing_field" },
    ]);
  });

  it("rejects a value that is not an object (rule not_an_object)", () => {
    for (const bad of [null, undefined, 7, "pin", true, [], [rawPinComplete]]) {
      expect(cleanPin(bad)).toEqual({
        ok: false,
        issues: [{ field: "$", value: bad, rule: "not_an_object" }],
      });
    }
  });

  it("rejects a record without index or ind (rule missing_key)", () => {
    const { index: _i, ...raw } = rawPinComplete;
    expect(cleanPin(raw)).toEqual({
      ok: false,
      issues: [{ field: "ind", value: undefined, rule: "missing_key" }],
    });
  });

  it("rejects a key that is not a non-negative safe integer (rule invalid_key)", () => {
    for (const key of [-1, 1.5, "7", null, Number.MAX_SAFE_INTEGER + 1, Number.NaN, {}]) {
      expect(cleanPin({ ...rawPinComplete, index: key })).toEqual({
        ok: false,
        issues: [{ field: "index", value: key, rule: "invalid_key" }],
      });
    }
    // A bad `index` is not replaced by `ind`: `ind` is read only when `index` is absent.
    expect(cleanPin({ ...rawPinComplete, index: "7", ind: 7 }).ok).toBe(false);
  });

  it("reads -0 keys and counts as 0", () => {
    const result = cleanPin({ ...rawPinComplete, index: -0, follower_count: -0 });
    expect(result.ok && Object.is(result.value.ind, 0) && Object.is(result.value.follower_count, 0)).toBe(
      true,
    );
  });

  it("never mutates its input", () => {
    const raw = deepFreeze(structuredClone(rawPin));
    expect(() => cleanPin(raw)).not.toThrow();
    expect(raw).toEqual(rawPin);
  });

  it("never throws on any JSON value, and its output matches the clean schema (property)", () => {
    fc.assert(
      fc.property(fc.oneof(anyJsonInput, recordOfJsonValues(RAW_PIN_KEYS)), (raw) => {
        const result = cleanPin(raw);
        if (result.ok) expect(CleanPinSchema.safeParse(result.value).success).toBe(true);
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it("cleans every realistic row, matching the schema, without touching the input (property)", () => {
    fc.assert(
      fc.property(rawPinRecord, (raw) => {
        const before = structuredClone(raw);
        const result = cleanPin(deepFreeze(raw));
        expect(raw).toEqual(before);
        expect(result.ok).toBe(true);
        if (result.ok) expect(CleanPinSchema.parse(result.value)).toEqual(result.value);
      }),
    );
  });

  it("reports every non-null raw value it does not keep (property)", () => {
    fc.assert(
      fc.property(rawPinRecord, (raw: Record<string, unknown>) => {
        const result = cleanPin(raw);
        if (!result.ok) return;
        const reported = new Set(result.issues.map((i) => i.field));
        for (const column of PIN_COLUMNS.slice(1)) {
          if (result.value[column] === null && raw[column] !== null) expect(reported).toContain(column);
        }
      }),
    );
  });

  it("is idempotent: a clean pin, written back as a raw row, cleans to itself (property)", () => {
    fc.assert(
      fc.property(rawPinRecord, (raw) => {
        const first = cleanPin(raw);
        if (!first.ok) return;
        const { ind, ...columns } = first.value;
        const again = cleanPin({ index: ind, ...columns });
        expect(again).toEqual({ ok: true, value: first.value, issues: [] });
      }),
    );
  });
});
