import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanGeo, cleanPin, cleanTable, cleanTableAsync, cleanUser, type TableName } from "../src/index";
import { rawGeo, rawPin, rawPinComplete, rawPinHalfCleaned, rawUser } from "./fixtures/rawRecords";
import { anyJsonInput, rawGeoRecord, rawPinRecord, rawUserRecord } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

const CLEANERS = { pin: cleanPin, geo: cleanGeo, user: cleanUser } as const;

/** Inputs with repeats, so that duplicates occur. */
function withRepeats<T>(records: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc
    .array(fc.oneof(records, anyJsonInput as fc.Arbitrary<T>), { maxLength: 30 })
    .chain((rows) =>
      rows.length === 0
        ? fc.constant(rows)
        : fc
            .array(fc.nat(rows.length - 1), { maxLength: 10 })
            .map((picks) => [...rows, ...picks.map((i) => rows[i]!)]),
    )
    .chain((rows) => fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }));
}

const tables = fc.oneof(
  fc.tuple(fc.constant<TableName>("pin"), withRepeats<unknown>(rawPinRecord)),
  fc.tuple(fc.constant<TableName>("geo"), withRepeats<unknown>(rawGeoRecord)),
  fc.tuple(fc.constant<TableName>("user"), withRepeats<unknown>(rawUserRecord)),
);

describe("cleanTable", () => {
  const rows = [
    rawPinComplete,
    rawPin,
    "not a pin",
    rawPinComplete,
    { ...rawPinComplete, index: -1 },
    rawPinHalfCleaned,
  ];

  it("cleans every row, keeps input order and reports rejections with their position", () => {
    const { clean, rejected, report } = cleanTable("pin", rows);
    expect(clean.map((pin) => pin.ind)).toEqual([2863, 7528, 2863, 10794]);
    expect(rejected).toEqual([
      { index: 2, raw: "not a pin", issues: [{ field: "$", value: "not a pin", rule: "not_an_object" }] },
      { index: 4, raw: rows[4], issues: [{ field: "index", value: -1, rule: "invalid_key" }] },
    ]);
    expect(report).toMatchObject({
      recordsIn: 6,
      cleanOut: 4,
      rejected: 2,
      duplicatesDropped: 0,
      recordsWithIssues: 3,
      issues: 8,
    });
    expect(report.byRule).toMatchObject({ placeholder: 6, not_an_object: 1, invalid_key: 1, wrong_type: 0 });
    expect(report.byField.follower_count).toEqual({ placeholder: 1 });
    expect(report.byField.$).toEqual({ not_an_object: 1 });
  });

  it("drops records equal in every clean column when asked to (dedupe)", () => {
    const { clean, report } = cleanTable("pin", rows, { dedupe: true });
    expect(clean.map((pin) => pin.ind)).toEqual([2863, 7528, 10794]);
    expect(report).toMatchObject({ recordsIn: 6, cleanOut: 3, rejected: 2, duplicatesDropped: 1 });
  });

  it("compares clean values: raw spellings that clean alike are duplicates", () => {
    const geo = [
      rawGeo,
      { ...rawGeo, timestamp: "2020-08-28T03:52:47Z", extra: 1 },
      { ...rawGeo, latitude: -89.9787 },
    ];
    expect(cleanTable("geo", geo, { dedupe: true }).report.duplicatesDropped).toBe(2);
    const pins = [
      rawPinComplete,
      { ...rawPinComplete, follower_count: 124_000, save_location: "/data/diy-and-crafts" },
    ];
    expect(cleanTable("pin", pins, { dedupe: true }).clean).toHaveLength(1);
  });

  it("keeps records that differ in any column, ind included", () => {
    const users = [
      rawUser,
      { ...rawUser, ind: 1 },
      { ...rawUser, age: 21 },
      { ...rawUser, date_joined: null },
    ];
    expect(cleanTable("user", users, { dedupe: true }).clean).toHaveLength(4);
  });

  it("keeps duplicates unless dedupe is on", () => {
    expect(cleanTable("user", [rawUser, rawUser]).clean).toHaveLength(2);
    expect(cleanTable("user", [rawUser, rawUser], { dedupe: false }).clean).toHaveLength(2);
  });

  it("handles an empty input", () => {
    const { clean, rejected, report } = cleanTable("geo", []);
    expect([clean, rejected, report.recordsIn, report.issues]).toEqual([[], [], 0, 0]);
  });

  it("throws a RangeError for an unknown table, a programming error", () => {
    expect(() => cleanTable("pins" as TableName, [])).toThrow(RangeError);
    expect(() => cleanTable("__proto__" as TableName, [])).toThrow(RangeError);
  });

  it("rejects its promise with a RangeError for an unknown table (async form)", async () => {
    await expect(cleanTableAsync("pins" as TableName, [])).rejects.toThrow(RangeError);
  });

  it("gives the same result over an async iterable", async () => {
    async function* source() {
      for (const row of rows) yield row;
    }
    expect(await cleanTableAsync("pin", source(), { dedupe: true })).toEqual(
      cleanTable("pin", rows, { dedupe: true }),
    );
  });

  it("reconciles its counts on any input (property)", () => {
    fc.assert(
      fc.property(tables, fc.boolean(), ([table, rows], dedupe) => {
        const { clean, rejected, report } = cleanTable(table, rows, { dedupe });
        expect(report.recordsIn).toBe(rows.length);
        expect(report.recordsIn).toBe(clean.length + rejected.length + report.duplicatesDropped);
        expect([report.cleanOut, report.rejected]).toEqual([clean.length, rejected.length]);
        const perRecord = rows.map((raw) => CLEANERS[table](raw).issues);
        const ruleSum = Object.values(report.byRule).reduce((a, b) => a + b, 0);
        const fieldSum = Object.values(report.byField)
          .flatMap((counts) => Object.values(counts))
          .reduce((a, b) => a + b, 0);
        expect([ruleSum, fieldSum]).toEqual([report.issues, report.issues]);
        expect(report.issues).toBe(perRecord.reduce((sum, issues) => sum + issues.length, 0));
        expect(report.recordsWithIssues).toBe(perRecord.filter((issues) => issues.length > 0).length);
      }),
    );
  });

  it("drops exactly the records deep-equal to an earlier kept one (property)", () => {
    fc.assert(
      fc.property(tables, ([table, rows]) => {
        const all = cleanTable(table, rows).clean as unknown[];
        const expected: unknown[] = [];
        for (const record of all) {
          if (!expected.some((kept) => isDeepStrictEqual(kept, record))) expected.push(record);
        }
        expect(cleanTable(table, rows, { dedupe: true }).clean).toEqual(expected);
      }),
    );
  });

  it("never mutates its input (property)", () => {
    fc.assert(
      fc.property(tables, ([table, rows]) => {
        const before = structuredClone(rows);
        cleanTable(table, deepFreeze(rows), { dedupe: true });
        expect(rows).toEqual(before);
      }),
    );
  });
});
