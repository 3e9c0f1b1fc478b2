import { CountsTally, REJECT_REASONS, type RejectReason, type TableCounts } from "./tableCounts";

/** A count that may have crossed a process boundary: anything but a positive safe integer reads as 0. */
function countOf(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The positive counts of a count map (an own-property read, so `__proto__` stays a plain key). */
function positiveCounts(counts: unknown): { readonly entries: [string, number][]; readonly total: number } {
  const entries: [string, number][] = [];
  let total = 0;
  if (typeof counts !== "object" || counts === null || Array.isArray(counts)) return { entries, total };
  for (const [key, value] of Object.entries(counts)) {
    const n = countOf(value);
    if (n === 0) continue;
    entries.push([key, n]);
    total += n;
  }
  return { entries, total };
}

function fromEntries(entries: readonly [string, number][]): Record<string, number> {
  // A null prototype keeps a field named `__proto__` a plain key.
  const out = Object.create(null) as Record<string, number>;
  for (const [key, n] of entries) out[key] = n;
  return out;
}

/**
 * The part of `value` that can be trusted as {@link TableCounts}, with its record and issue totals:
 * counts that are not positive safe integers read as 0, `in` and `rejected` are recomputed from the
 * parts, and issue counts whose `byRule` and `byField` totals disagree are dropped (they cannot both
 * be right).
 */
function sanitized(value: unknown): { readonly counts: TableCounts; readonly issues: number } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const counts = value as { readonly [key in keyof TableCounts]?: unknown };
  const reasons: unknown = counts.byReason;
  const byReason = {} as Record<RejectReason, number>;
  let rejected = 0;
  for (const reason of REJECT_REASONS) {
    const n =
      typeof reasons === "object" && reasons !== null
        ? countOf(Object.getOwnPropertyDescriptor(reasons, reason)?.value)
        : 0;
    byReason[reason] = n;
    rejected += n;
  }
  const rules = positiveCounts(counts.byRule);
  const fields = positiveCounts(counts.byField);
  const consistent = rules.total === fields.total;
  const clean = countOf(counts.clean);
  const duplicates = countOf(counts.duplicates);
  return {
    counts: {
      in: clean + rejected + duplicates,
      clean,
      rejected,
      duplicates,
      byReason,
      byRule: fromEntries(consistent ? rules.entries : []),
      byField: fromEntries(consistent ? fields.entries : []),
    },
    issues: consistent ? rules.total : 0,
  };
}

/**
 * Sums {@link TableCounts}, e.g. of workers that cleaned parts of a table, or of micro-batches. The
 * sum is built with {@link CountsTally.add}, so it reconciles whatever it is given: `in` and
 * `rejected` are recomputed from `clean`, `duplicates` and `byReason`; counts that are not
 * non-negative safe integers read as 0; an argument that is not an object counts nothing; an
 * argument whose `byRule` and `byField` totals disagree (tampered with) contributes no issue
 * counts, so those two totals stay equal; and an argument that would take a total past
 * `Number.MAX_SAFE_INTEGER` (forged) is left out whole, so every count stays exact. Field names
 * such as `__proto__` stay plain keys. With no argument, the counts of an empty table. Never throws
 * on counts-shaped input, JSON-parsed or structured-cloned counts included.
 *
 * @example
 * const merged = mergeCounts(workerA.report, workerB.report);
 * merged.in === workerA.report.in + workerB.report.in; // true
 * merged.in === merged.clean + merged.rejected + merged.duplicates; // true
 */
export function mergeCounts(...counts: readonly TableCounts[]): TableCounts {
  const tally = new CountsTally();
  let records = 0;
  let issues = 0;
  for (const part of counts) {
    const trusted = sanitized(part);
    if (trusted === undefined) continue;
    // A forged input could take a total past what a number counts exactly: it is left out whole.
    const safe =
      Number.isSafeInteger(records + trusted.counts.in) && Number.isSafeInteger(issues + trusted.issues);
    if (!safe) continue;
    records += trusted.counts.in;
    issues += trusted.issues;
    tally.add(trusted.counts);
  }
  return tally.counts();
}
