import { CleanGeoSchema, GEO_COLUMNS } from "@pinpipe/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanGeo, NO_ISSUES } from "../src/index";
import { rawGeo } from "./fixtures/rawRecords";
import { anyJsonInput, rawGeoRecord, recordOfJsonValues } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

describe("cleanGeo", () => {
  it("cleans a producer row into ind, country, [latitude, longitude] and a UTC timestamp", () => {
    const result = cleanGeo(rawGeo);
    expect(result).toEqual({
      ok: true,
      issues: [],
      value: {
        ind: 7528,
        country: "Albania",
        coordinates: [-89.9787, -173.293],
        timestamp: new Date(Date.UTC(2020, 7, 28, 3, 52, 47)),
      },
    });
    expect(result.issues).toBe(NO_ISSUES);
    expect(result.ok && Object.keys(result.value)).toEqual([...GEO_COLUMNS]);
  });

  it("accepts coordinates on the range bounds", () => {
    const result = cleanGeo({ ...rawGeo, latitude: -90, longitude: 180 });
    expect(result.ok && result.value.coordinates).toEqual([-90, 180]);
  });

  it("drops coordinates out of range (rule coordinates_out_of_range) and reports the dropped half", () => {
    const result = cleanGeo({ ...rawGeo, latitude: 90.0001, longitude: 12 });
    expect(result.ok && result.value.coordinates).toBeNull();
    expect(result.issues).toEqual([
      { field: "latitude", value: 90.0001, rule: "coordinates_out_of_range" },
      { field: "longitude", value: 12, rule: "incomplete_coordinates" },
    ]);
    const farEast = cleanGeo({ ...rawGeo, longitude: -180.5 });
    expect(farEast.issues.map((i) => [i.field, i.rule])).toEqual([
      ["latitude", "incomplete_coordinates"],
      ["longitude", "coordinates_out_of_range"],
    ]);
  });

  it("drops a pair with a null half, reporting only the usable half that is lost (rule incomplete_coordinates)", () => {
    const result = cleanGeo({ ...rawGeo, longitude: null });
    expect(result.ok && result.value.coordinates).toBeNull();
    expect(result.issues).toEqual([{ field: "latitude", value: -89.9787, rule: "incomplete_coordinates" }]);
    expect(cleanGeo({ ...rawGeo, latitude: null, longitude: null }).issues).toBe(NO_ISSUES);
  });

  it("reports non-numeric coordinates (rule wrong_type) and absent ones (rule missing_field)", () => {
    const { longitude: _l, ...raw } = rawGeo;
    const result = cleanGeo({ ...raw, latitude: "51.5" });
    expect(result.ok && result.value.coordinates).toBeNull();
    expect(result.issues).toEqual([
      { field: "latitude", value: "51.5", rule: "wrong_type" },
      { field: "longitude", value: undefined, rule: "missing_field" },
    ]);
    expect(cleanGeo({ ...rawGeo, latitude: Number.NaN }).issues[0]?.rule).toBe("wrong_type");
    expect(cleanGeo({ ...rawGeo, latitude: Number.POSITIVE_INFINITY }).issues[0]?.rule).toBe(
      "coordinates_out_of_range",
    );
  });

  it("turns an impossible timestamp into null (rule invalid_timestamp)", () => {
    for (const timestamp of ["2021-02-30 10:00:00", "2021-01-01 24:00:00", "yesterday"]) {
      const result = cleanGeo({ ...rawGeo, timestamp });
      expect(result.ok && result.value.timestamp).toBeNull();
      expect(result.issues).toEqual([{ field: "timestamp", value: timestamp, rule: "invalid_timestamp" }]);
    }
  });

  it("treats blank strings as placeholders and other types as wrong", () => {
    const result = cleanGeo({ ...rawGeo, timestamp: " ", country: "" });
    expect(result.issues.map((i) => [i.field, i.rule])).toEqual([
      ["country", "placeholder"],
      ["timestamp", "placeholder"],
    ]);
    expect(cleanGeo({ ...rawGeo, timestamp: 1_598_586_767_000 }).issues[0]?.rule).toBe("wrong_type");
  });

  it("rejects records that cannot be keyed (rules not_an_object, missing_key, invalid_key)", () => {
    expect(cleanGeo("geo").issues).toEqual([{ field: "$", value: "geo", rule: "not_an_object" }]);
    const { ind: _i, ...unkeyed } = rawGeo;
    expect(cleanGeo({ ...unkeyed, index: 3 })).toEqual({
      ok: false,
      issues: [{ field: "ind", value: undefined, rule: "missing_key" }],
    });
    expect(cleanGeo({ ...rawGeo, ind: -2 })).toEqual({
      ok: false,
      issues: [{ field: "ind", value: -2, rule: "invalid_key" }],
    });
  });

  it("never mutates its input", () => {
    const raw = deepFreeze(structuredClone(rawGeo));
    cleanGeo(raw);
    expect(raw).toEqual(rawGeo);
  });

  it("never throws on any JSON value, and its output matches the clean schema (property)", () => {
    fc.assert(
      fc.property(fc.oneof(anyJsonInput, recordOfJsonValues(Object.keys(rawGeo))), (raw) => {
        const result = cleanGeo(raw);
        if (result.ok) expect(CleanGeoSchema.safeParse(result.value).success).toBe(true);
      }),
    );
  });

  it("cleans every realistic row into a schema-valid record without touching it (property)", () => {
    fc.assert(
      fc.property(rawGeoRecord, (raw) => {
        const before = structuredClone(raw);
        const result = cleanGeo(deepFreeze(raw));
        expect(raw).toEqual(before);
        expect(result.ok && CleanGeoSchema.safeParse(result.value).success).toBe(true);
      }),
    );
  });

  it("is idempotent: a clean geo record, written back as a raw row, cleans to itself (property)", () => {
    fc.assert(
      fc.property(rawGeoRecord, (raw) => {
        const first = cleanGeo(raw);
        if (!first.ok) return;
        const { ind, country, coordinates, timestamp } = first.value;
        const again = cleanGeo({
          ind,
          country,
          latitude: coordinates?.[0] ?? null,
          longitude: coordinates?.[1] ?? null,
          timestamp: timestamp?.toISOString() ?? null,
        });
        expect(again).toEqual({ ok: true, value: first.value, issues: [] });
      }),
    );
  });
});
