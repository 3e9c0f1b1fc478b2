import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CountsTally,
  cleanTable,
  emptyTableCounts,
  mergeCounts,
  REJECT_REASONS,
  type TableCounts,
} from "../src/index";
import { rawPin } from "./fixtures/rawRecords";
import { anyJsonInput, rawPinRecord } from "./support/arbitraries";
import { deepFreeze } from "./support/deepFreeze";

/** A count read as an own property, so that `__proto__` is a plain key. */
const own = (counts: Readonly<Record<string, number>>, key: string) =>
  Object.getOwnPropertyDescriptor(counts, key)?.value as unknown;

const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The invariants every TableCounts keeps. */
function expectReconciled(counts: TableCounts): void {
  expect(counts.in).toBe(counts.clean + counts.rejected + counts.duplicates);
  expect(Object.keys(counts.byReason)).toEqual([...REJECT_REASONS]);
  expect(total(counts.byReason)).toBe(counts.rejected);
  expect(total(counts.byRule)).toBe(total(counts.byField));
  for (const n of [counts.in, counts.clean, counts.rejected, counts.duplicates]) {
    expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
  }
  for (const map of [counts.byReason, counts.byRule, counts.byField]) {
    for (const n of Object.values(map)) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
  }
}

describe("mergeCounts", () => {
  it("gives empty, reconciled counts for no input", () => {
    const empty = mergeCounts();
    expect(empty).toEqual(emptyTableCounts());
    expect(empty).toMatchObject({ in: 0, clean: 0, rejected: 0, duplicates: 0 });
    expect(Object.keys(empty.byReason)).toEqual([...REJECT_REASONS]);
    expect(Object.values(empty.byReason).every((count) => count === 0)).toBe(true);
    expect([Object.keys(empty.byRule), Object.keys(empty.byField)]).toEqual([[], []]);
  });

  it("sums the counts of parts into the counts of the whole (property)", () => {
    const rows = fc.array(fc.oneof(rawPinRecord, anyJsonInput), { maxLength: 40 });
    const cuts = fc.array(fc.nat(40), { maxLength: 4 });
    fc.assert(
      fc.property(rows, cuts, (all, positions) => {
        const inside = positions.map((p) => Math.min(p, all.length)).sort((a, b) => a - b);
        const bounds = [0, ...inside, all.length];
        const parts = bounds.slice(1).map((end, i) => cleanTable("pin", all.slice(bounds[i], end)).report);
        const whole = cleanTable("pin", all).report;
        expect(mergeCounts(...parts)).toEqual(whole);
        expect(mergeCounts(mergeCounts(...parts.slice(0, 1)), mergeCounts(...parts.slice(1)))).toEqual(whole);
      }),
    );
  });

  it("adds duplicates and every reject reason, as CountsTally.add does", () => {
    const a = new CountsTally();
    a.countClean();
    a.countClean();
    a.countIssue("title", "placeholder");
    a.countDuplicates(1);
    a.countRejectedLines("too_long", 2);
    const b = new CountsTally();
    b.countRejected("invalid_json", "$");
    b.countClean();
    const expected = new CountsTally();
    expected.add(a.counts());
    expected.add(b.counts());
    const merged = mergeCounts(a.counts(), b.counts());
    expect(merged).toEqual(expected.counts());
    expect(merged).toMatchObject({ in: 6, clean: 2, rejected: 3, duplicates: 1 });
    expect(merged.byReason).toMatchObject({ too_long: 2, invalid_json: 1 });
    expect(merged.byRule).toEqual({ invalid_json: 1, placeholder: 1, too_long: 2 });
    expect(merged.byField).toEqual({ $: 3, title: 1 });
  });

  it("merges counts that crossed a process boundary, hostile field names included", () => {
    const hostile = JSON.parse(`{"__proto__": 1, ${JSON.stringify(rawPin).slice(1)}`);
    const { report } = cleanTable("pin", [hostile, "x"]);
    expect(own(report.byField, "__proto__")).toBe(1);
    expect(report.byRule.hostile_key).toBe(1);
    const viaJson = JSON.parse(JSON.stringify(report)) as TableCounts;
    const merged = mergeCounts(viaJson, structuredClone(report));
    expect(own(merged.byField, "__proto__")).toBe(2);
    expect(merged.byRule.hostile_key).toBe(2);
    expect(total(merged.byRule)).toBe(2 * total(report.byRule));
    expect(merged).toMatchObject({ in: 4, clean: 2, rejected: 2, duplicates: 0 });
    expect(merged.byReason.not_an_object).toBe(2);
    expect(({} as Record<string, unknown>).hostile_key).toBeUndefined();
    expectReconciled(merged);
  });

  it("ignores malformed counts and keeps the totals reconciled", () => {
    const forged = {
      in: 99,
      clean: 2,
      rejected: -4,
      duplicates: Number.NaN,
      byReason: { invalid_json: "3", missing_key: 1, too_long: 1.5, made_up: 5 },
      byRule: { placeholder: 2, missing_key: 1, wrong_type: 1.5, made_up: -1, other: null },
      byField: { title: 2, index: 1, bad: null, worse: Number.POSITIVE_INFINITY },
    } as unknown as TableCounts;
    const garbage = [null, undefined, "counts", 7, [], { byReason: null, byRule: "abc", byField: 5 }];
    const merged = mergeCounts(forged, ...(garbage as unknown as TableCounts[]));
    expect(merged).toEqual({
      in: 3,
      clean: 2,
      rejected: 1,
      duplicates: 0,
      byReason: { invalid_json: 0, too_long: 0, not_an_object: 0, missing_key: 1, invalid_key: 0 },
      byRule: { missing_key: 1, placeholder: 2 },
      byField: { index: 1, title: 2 },
    });
  });

  it("drops the issue counts of an input whose byRule and byField totals disagree", () => {
    const tampered = { ...emptyTableCounts(), clean: 1, byRule: { placeholder: 3 }, byField: { title: 1 } };
    const merged = mergeCounts(tampered, cleanTable("pin", [rawPin]).report);
    expect(merged).toMatchObject({ in: 2, clean: 2 });
    expect(merged.byRule).toEqual({ placeholder: 6 });
    expect(total(merged.byField)).toBe(6);
  });

  it("leaves out a forged input that would take a total past Number.MAX_SAFE_INTEGER", () => {
    const max = Number.MAX_SAFE_INTEGER;
    const one = cleanTable("pin", [rawPin]).report;
    const almost = { ...emptyTableCounts(), clean: max - 1 };
    expect(mergeCounts(almost, one).in).toBe(max);
    const huge = { ...emptyTableCounts(), clean: max };
    expect(mergeCounts(huge, one)).toEqual(mergeCounts(huge));
    expect(mergeCounts(huge, one).in).toBe(max);
    const hugeIssues = { ...emptyTableCounts(), byRule: { placeholder: max }, byField: { title: max } };
    expect(mergeCounts(one, hugeIssues)).toEqual(one);
    const byReason = { ...emptyTableCounts().byReason, invalid_json: max, too_long: max };
    const splitReasons = { ...emptyTableCounts(), byReason };
    expect(mergeCounts(splitReasons)).toEqual(emptyTableCounts());
  });

  it("never throws, never mutates its input and always reconciles, whatever it is given (property)", () => {
    const countLike = fc.oneof(fc.anything(), fc.integer(), fc.maxSafeNat());
    const countsLike = fc.oneof(
      fc.anything(),
      fc.record(
        {
          in: countLike,
          clean: countLike,
          rejected: countLike,
          duplicates: countLike,
          byReason: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...REJECT_REASONS), countLike)),
          byRule: fc.oneof(fc.anything(), fc.dictionary(fc.string(), countLike)),
          byField: fc.oneof(fc.anything(), fc.dictionary(fc.string(), countLike)),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.array(countsLike, { maxLength: 4 }), (inputs) => {
        const before = structuredClone(inputs);
        const merged = mergeCounts(...(deepFreeze(inputs) as TableCounts[]));
        expect(inputs).toEqual(before);
        expectReconciled(merged);
      }),
    );
  });
});
