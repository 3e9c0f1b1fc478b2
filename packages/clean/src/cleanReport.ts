import { type CleanIssue, ISSUE_RULES, type IssueRule } from "./cleanIssue";

/**
 * Counts of a cleaning run. They reconcile: `recordsIn = cleanOut + rejected + duplicatesDropped`,
 * `issues` is the sum of `byRule` and also the sum of every count in `byField`. Issues are counted
 * for every input record, duplicates included (they are cleaned before being recognised).
 * `byField` maps a raw field name (`"$"` for a whole record) to counts per rule; its objects have a
 * null prototype, so field names such as `__proto__` are plain keys.
 *
 * @example
 * const { report } = cleanTable("pin", rows, { dedupe: true });
 * report.recordsIn === report.cleanOut + report.rejected + report.duplicatesDropped; // true
 * report.byField.follower_count?.placeholder; // how many `User Info Error` counts became null
 */
export interface CleanReport {
  readonly recordsIn: number;
  readonly cleanOut: number;
  readonly rejected: number;
  readonly duplicatesDropped: number;
  /** Input records with at least one issue (every rejected record has one). */
  readonly recordsWithIssues: number;
  readonly issues: number;
  readonly byRule: { readonly [rule in IssueRule]: number };
  readonly byField: { readonly [field: string]: { readonly [rule in IssueRule]?: number } };
}

type MutableCounts = { [rule in IssueRule]?: number };

/**
 * Accumulates a {@link CleanReport} record by record; `report` is live and always reconciles.
 *
 * @example
 * const accumulator = new ReportAccumulator();
 * accumulator.add(cleanPin(raw), false);
 * accumulator.report.recordsIn; // 1
 */
export class ReportAccumulator {
  readonly report: {
    recordsIn: number;
    cleanOut: number;
    rejected: number;
    duplicatesDropped: number;
    recordsWithIssues: number;
    issues: number;
    byRule: { [rule in IssueRule]: number };
    byField: { [field: string]: MutableCounts };
  } = emptyReport();

  /** Counts one cleaned input record: kept, rejected (`ok: false`) or dropped as a duplicate. */
  add(result: { readonly ok: boolean; readonly issues: readonly CleanIssue[] }, duplicate: boolean): void {
    const report = this.report;
    report.recordsIn++;
    if (!result.ok) report.rejected++;
    else if (duplicate) report.duplicatesDropped++;
    else report.cleanOut++;
    const issues = result.issues;
    if (issues.length === 0) return;
    report.recordsWithIssues++;
    for (const { field, rule } of issues) countIssue(report, field, rule, 1);
  }
}

function emptyReport(): ReportAccumulator["report"] {
  const byRule = {} as { [rule in IssueRule]: number };
  for (const rule of ISSUE_RULES) byRule[rule] = 0;
  return {
    recordsIn: 0,
    cleanOut: 0,
    rejected: 0,
    duplicatesDropped: 0,
    recordsWithIssues: 0,
    issues: 0,
    byRule,
    byField: Object.create(null) as { [field: string]: MutableCounts },
  };
}

function countIssue(
  report: ReportAccumulator["report"],
  field: string,
  rule: IssueRule,
  count: number,
): void {
  report.issues += count;
  report.byRule[rule] += count;
  let counts = report.byField[field];
  if (counts === undefined) {
    counts = Object.create(null) as MutableCounts;
    report.byField[field] = counts;
  }
  counts[rule] = (counts[rule] ?? 0) + count;
}

/** A count read from a report that may have crossed a process boundary: non-counts read as 0. */
function countOf(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/**
 * Sums reports, e.g. from workers that cleaned parts of a table in parallel. Totals are recomputed
 * from `byField`, so the merged report reconciles even if an input was tampered with; counts that
 * are not non-negative integers and unknown rules are ignored. With no argument, an empty report.
 * Never throws on report-shaped input (JSON-parsed or structured-cloned reports included).
 *
 * @example
 * const merged = mergeReports(workerA.report, workerB.report);
 * merged.recordsIn === workerA.report.recordsIn + workerB.report.recordsIn; // true
 */
export function mergeReports(...reports: readonly CleanReport[]): CleanReport {
  const merged = emptyReport();
  const isRule = new Set<unknown>(ISSUE_RULES);
  for (const report of reports) {
    if (typeof report !== "object" || report === null) continue;
    merged.cleanOut += countOf(report.cleanOut);
    merged.rejected += countOf(report.rejected);
    merged.duplicatesDropped += countOf(report.duplicatesDropped);
    merged.recordsWithIssues += countOf(report.recordsWithIssues);
    const byField: unknown = report.byField;
    if (typeof byField !== "object" || byField === null) continue;
    for (const [field, counts] of Object.entries(byField)) {
      if (typeof counts !== "object" || counts === null) continue;
      for (const [rule, count] of Object.entries(counts)) {
        const n = countOf(count);
        if (n > 0 && isRule.has(rule)) countIssue(merged, field, rule as IssueRule, n);
      }
    }
  }
  merged.recordsIn = merged.cleanOut + merged.rejected + merged.duplicatesDropped;
  return merged;
}
