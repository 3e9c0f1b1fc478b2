import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CleanIssue,
  cleanGeo,
  cleanPin,
  cleanTable,
  cleanTableAsync,
  cleanUser,
  emptyTableCounts,
  REJECT_REASONS,
  type RejectReason,
  type TableName,
} from "../src/index";
import { rawGeo, rawPin, rawPinComplete, rawPinHalfCleaned, rawUser } from "./fixtures/rawRecords";
import { anyJsonInput, rawGeoRecord, rawPinRecord, rawUserRecord } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

const CLEANERS = { pin: cleanPin, geo: cleanGeo, user: cleanUser } as const;

const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Counts of `keys` as an object whose keys are own properties, `__proto__` included. */
function tally(keys: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries(counts);
}

const isReason = (rule: string): rule is RejectReason => (REJECT_REASONS as readonly string[]).includes(rule);

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
    expect(report).toEqual({
      in: 6,
      clean: 4,
      rejected: 2,
      duplicates: 0,
      byReason: { invalid_json: 0, too_long: 0, not_an_object: 1, missing_key: 0, invalid_key: 1 },
      byRule: { invalid_key: 1, not_an_object: 1, placeholder: 6 },
      // rawPin's six placeholders; the two rejections on the whole record (`$`) and on its key.
      byField: {
        $: 1,
        description: 1,
        follower_count: 1,
        image_src: 1,
        index: 1,
        poster_name: 1,
        tag_list: 1,
        title: 1,
      },
    });
  });

  it("drops records equal in every clean column when asked to (dedupe)", () => {
    const { clean, report } = cleanTable("pin", rows, { dedupe: true });
    expect(clean.map((pin) => pin.ind)).toEqual([2863, 7528, 10794]);
    expect(report).toMatchObject({ in: 6, clean: 3, rejected: 2, duplicates: 1 });
    // The duplicate was cleaned before being recognised: its issues count as without dedupe.
    const { byReason, byRule, byField } = cleanTable("pin", rows).report;
    expect(report).toMatchObject({ byReason, byRule, byField });
  });

  it("compares clean values: raw spellings that clean alike are duplicates", () => {
    const geo = [
      rawGeo,
      { ...rawGeo, timestamp: "2020-08-28T03:52:47Z", extra: 1 },
      { ...rawGeo, latitude: -89.9787 },
    ];
    expect(cleanTable("geo", geo, { dedupe: true }).report.duplicates).toBe(2);
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
    expect([clean, rejected, report]).toEqual([[], [], emptyTableCounts()]);
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
        expect(report.in).toBe(rows.length);
        expect(report.in).toBe(report.clean + report.rejected + report.duplicates);
        expect([report.clean, report.rejected]).toEqual([clean.length, rejected.length]);
        if (!dedupe) expect(report.duplicates).toBe(0);
        expect(Object.keys(report.byReason)).toEqual([...REJECT_REASONS]);
        expect(total(report.byReason)).toBe(report.rejected);
        // Each rejection counts under the rule of its rejecting issue.
        const reasons = rejected.map(
          (rejection) => rejection.issues.find((issue) => isReason(issue.rule))!.rule,
        );
        expect(report.byReason).toEqual({ ...emptyTableCounts().byReason, ...tally(reasons) });
        // Every issue of every input record counts once, by rule and by field, duplicates included.
        const issues: CleanIssue[] = rows.flatMap((raw) => CLEANERS[table](raw).issues);
        expect(report.byRule).toEqual(tally(issues.map((issue) => issue.rule)));
        expect(report.byField).toEqual(tally(issues.map((issue) => issue.field)));
        expect([total(report.byRule), total(report.byField)]).toEqual([issues.length, issues.length]);
        for (const counts of [report.byRule, report.byField]) {
          expect(Object.keys(counts)).toEqual(Object.keys(counts).sort());
        }
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
