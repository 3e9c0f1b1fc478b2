import { CleanUserSchema, USER_COLUMNS } from "@pinpipe/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanUser, MAX_AGE, NO_ISSUES } from "../src/index";
import { rawUser } from "./fixtures/rawRecords";
import { anyJsonInput, rawUserRecord, recordOfJsonValues } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

describe("cleanUser", () => {
  it("cleans a producer row into ind, user_name, age and a UTC date_joined", () => {
    const result = cleanUser(rawUser);
    expect(result).toEqual({
      ok: true,
      issues: [],
      value: {
        ind: 7528,
        user_name: "Abigail Ali",
        age: 20,
        date_joined: new Date(Date.UTC(2015, 9, 24, 11, 23, 51)),
      },
    });
    expect(result.issues).toBe(NO_ISSUES);
    expect(result.ok && Object.keys(result.value)).toEqual([...USER_COLUMNS]);
  });

  it("trims each name and joins them with one space", () => {
    const result = cleanUser({ ...rawUser, first_name: "  Mary Ann\u00a0", last_name: "\tDe Luca " });
    expect(result.ok && result.value.user_name).toBe("Mary Ann De Luca");
  });

  it("uses the one name present when the other is null, absent or blank", () => {
    expect(cleanUser({ ...rawUser, last_name: null })).toMatchObject({
      value: { user_name: "Abigail" },
      issues: [],
    });
    const { first_name: _f, ...noFirst } = rawUser;
    expect(cleanUser(noFirst)).toMatchObject({
      value: { user_name: "Ali" },
      issues: [{ field: "first_name", value: undefined, rule: "missing_field" }],
    });
    expect(cleanUser({ ...rawUser, last_name: " " })).toMatchObject({
      value: { user_name: "Abigail" },
      issues: [{ field: "last_name", value: " ", rule: "placeholder" }],
    });
  });

  it("has no user_name when both names are missing", () => {
    const result = cleanUser({ ...rawUser, first_name: null, last_name: "" });
    expect(result.ok && result.value.user_name).toBeNull();
  });

  it("reports names of the wrong type (rule wrong_type)", () => {
    const result = cleanUser({ ...rawUser, first_name: 7 });
    expect(result.ok && result.value.user_name).toBe("Ali");
    expect(result.issues).toEqual([{ field: "first_name", value: 7, rule: "wrong_type" }]);
  });

  it("keeps ages from 0 to MAX_AGE and reports others (rule invalid_age)", () => {
    expect(cleanUser({ ...rawUser, age: 0 })).toMatchObject({ value: { age: 0 }, issues: [] });
    expect(cleanUser({ ...rawUser, age: MAX_AGE })).toMatchObject({ value: { age: MAX_AGE }, issues: [] });
    for (const age of [-1, 20.5, MAX_AGE + 1, Number.NaN, 2 ** 40]) {
      const result = cleanUser({ ...rawUser, age });
      expect(result.ok && result.value.age).toBeNull();
      expect(result.issues).toEqual([{ field: "age", value: age, rule: "invalid_age" }]);
    }
    expect(cleanUser({ ...rawUser, age: "20" }).issues).toEqual([
      { field: "age", value: "20", rule: "wrong_type" },
    ]);
    expect(cleanUser({ ...rawUser, age: null }).issues).toBe(NO_ISSUES);
  });

  it("turns an impossible date_joined into null (rule invalid_timestamp)", () => {
    const result = cleanUser({ ...rawUser, date_joined: "2015-02-29 11:23:51" });
    expect(result.ok && result.value.date_joined).toBeNull();
    expect(result.issues).toEqual([
      { field: "date_joined", value: "2015-02-29 11:23:51", rule: "invalid_timestamp" },
    ]);
  });

  it("rejects records that cannot be keyed (rules not_an_object, missing_key, invalid_key)", () => {
    expect(cleanUser([rawUser]).ok).toBe(false);
    const { ind: _i, ...unkeyed } = rawUser;
    expect(cleanUser(unkeyed).issues).toEqual([{ field: "ind", value: undefined, rule: "missing_key" }]);
    expect(cleanUser({ ...rawUser, ind: "7528" }).issues).toEqual([
      { field: "ind", value: "7528", rule: "invalid_key" },
    ]);
  });

  it("never mutates its input", () => {
    const raw = deepFreeze(structuredClone(rawUser));
    cleanUser(raw);
    expect(raw).toEqual(rawUser);
  });

  it("never throws on any JSON value, and its output matches the clean schema (property)", () => {
    fc.assert(
      fc.property(fc.oneof(anyJsonInput, recordOfJsonValues(Object.keys(rawUser))), (raw) => {
        const result = cleanUser(raw);
        if (result.ok) expect(CleanUserSchema.safeParse(result.value).success).toBe(true);
      }),
    );
  });

  it("cleans every realistic row into a schema-valid record without touching it (property)", () => {
    fc.assert(
      fc.property(rawUserRecord, (raw) => {
        const before = structuredClone(raw);
        const result = cleanUser(deepFreeze(raw));
        expect(raw).toEqual(before);
        expect(result.ok && CleanUserSchema.safeParse(result.value).success).toBe(true);
      }),
    );
  });

  it("is idempotent: a clean user, written back as a raw row, cleans to itself (property)", () => {
    fc.assert(
      fc.property(rawUserRecord, (raw) => {
        const first = cleanUser(raw);
        if (!first.ok) return;
        const { ind, user_name, age, date_joined } = first.value;
        const again = cleanUser({
          ind,
          first_name: user_name,
          last_name: null,
          age,
          date_joined: date_joined?.toISOString() ?? null,
        });
        expect(again).toEqual({ ok: true, value: first.value, issues: [] });
      }),
    );
  });
});
