import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CleanReport, cleanTable, ISSUE_RULES, mergeReports } from "../src/index";
import { rawPin } from "./fixtures/rawRecords";
import { anyJsonInput, rawPinRecord } from "./support/arbitraries";

/** The counts of one field, read as an own property so that `__proto__` is a plain key. */
const fieldCounts = (report: CleanReport, field: string) =>
  Object.getOwnPropertyDescriptor(report.byField, field)?.value as unknown;

describe("mergeReports", () => {
  it("gives an empty, reconciled report for no input", () => {
    const empty = mergeReports();
    expect(empty).toMatchObject({ recordsIn: 0, cleanOut: 0, rejected: 0, duplicatesDropped: 0, issues: 0 });
    expect(Object.keys(empty.byRule)).toEqual([...ISSUE_RULES]);
    expect(Object.values(empty.byRule).every((count) => count === 0)).toBe(true);
    expect(Object.keys(empty.byField)).toEqual([]);
  });

  it("sums the reports of parts into the report of the whole (property)", () => {
    const rows = fc.array(fc.oneof(rawPinRecord, anyJsonInput), { maxLength: 40 });
    fc.assert(
      fc.property(rows, fc.nat(40), (all, cut) => {
        const whole = cleanTable("pin", all).report;
        const merged = mergeReports(
          cleanTable("pin", all.slice(0, cut)).report,
          cleanTable("pin", all.slice(cut)).report,
        );
        expect(merged).toEqual(whole);
      }),
    );
  });

  it("merges reports that crossed a process boundary, hostile field names included", () => {
    const hostile = JSON.parse(`{"__proto__": 1, ${JSON.stringify(rawPin).slice(1)}`);
    const { report } = cleanTable("pin", [hostile, "x"]);
    expect(fieldCounts(report, "__proto__")).toEqual({ hostile_key: 1 });
    const viaJson = JSON.parse(JSON.stringify(report)) as CleanReport;
    const merged = mergeReports(viaJson, structuredClone(report));
    expect(fieldCounts(merged, "__proto__")).toEqual({ hostile_key: 2 });
    expect(merged.issues).toBe(2 * report.issues);
    expect(({} as Record<string, unknown>).hostile_key).toBeUndefined();
  });

  it("ignores malformed counts and keeps the totals reconciled", () => {
    const forged = {
      recordsIn: 99,
      cleanOut: 2,
      rejected: -4,
      duplicatesDropped: Number.NaN,
      recordsWithIssues: "3",
      issues: 1e9,
      byRule: {},
      byField: { title: { placeholder: 2, made_up: 5, wrong_type: 1.5 }, bad: null },
    } as unknown as CleanReport;
    const merged = mergeReports(forged, null as unknown as CleanReport);
    expect(merged).toMatchObject({ recordsIn: 2, cleanOut: 2, rejected: 0, duplicatesDropped: 0, issues: 2 });
    expect(merged.byRule.placeholder).toBe(2);
    expect(merged.byField).toEqual({ title: { placeholder: 2 } });
  });
});
