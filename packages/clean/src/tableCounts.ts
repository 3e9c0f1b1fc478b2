import type { CleanIssue, IssueRule } from "./cleanIssue";
import type { TableName } from "./tables";

/**
 * Why a raw record produced no clean record: its bytes are not one UTF-8 JSON value
 * (`invalid_json`), it is longer than the reader's limit and was skipped unread (`too_long`), or
 * the cleaner rejected it (`not_an_object`, `missing_key`, `invalid_key`). Every job (analyze,
 * batch, stream) and every source uses exactly these.
 *
 * @example
 * const reason: RejectReason = "invalid_json";
 */
export type RejectReason = "invalid_json" | "too_long" | "not_an_object" | "missing_key" | "invalid_key";

/**
 * Every {@link RejectReason}, in the order reports list them.
 *
 * @example
 * REJECT_REASONS.length; // 5
 */
export const REJECT_REASONS: readonly RejectReason[] = Object.freeze([
  "invalid_json",
  "too_long",
  "not_an_object",
  "missing_key",
  "invalid_key",
] as const);

/**
 * What `byRule` counts: the cleaners' issue rules, plus the two reasons found before any cleaner
 * ran (`invalid_json`, `too_long`, reported on the field `$`).
 *
 * @example
 * const rule: CountedRule = "too_long";
 */
export type CountedRule = IssueRule | "invalid_json" | "too_long";

/**
 * Where the records of one table went: the one counts shape of every job, report and manifest.
 * Always `in = clean + rejected + duplicates`, and `byReason` sums to `rejected`. `byRule` and
 * `byField` count issues (a record can have several; duplicates are cleaned, hence counted, before
 * being recognised; a rejected record counts its rejecting issue), keys sorted. Blank lines are
 * not records.
 *
 * @example
 * const counts: TableCounts = {
 *   in: 3, clean: 1, rejected: 1, duplicates: 1,
 *   byReason: { invalid_json: 1, too_long: 0, not_an_object: 0, missing_key: 0, invalid_key: 0 },
 *   byRule: { invalid_json: 1, placeholder: 2 }, byField: { $: 1, title: 2 },
 * };
 */
export interface TableCounts {
  readonly in: number;
  readonly clean: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly byReason: Readonly<Record<RejectReason, number>>;
  readonly byRule: Readonly<Record<string, number>>;
  readonly byField: Readonly<Record<string, number>>;
}

/**
 * The {@link TableCounts} of each table of a run.
 *
 * @example
 * const counts: CountsByTable = { pin: emptyTableCounts(), geo: emptyTableCounts(), user: emptyTableCounts() };
 */
export type CountsByTable = { readonly [T in TableName]: TableCounts };

const REASON_INDEX: ReadonlyMap<string, number> = new Map(REJECT_REASONS.map((reason, i) => [reason, i]));

function sortedCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  // A null prototype keeps a raw field named `__proto__` a plain key.
  const out = Object.create(null) as Record<string, number>;
  for (const key of [...counts.keys()].sort()) out[key] = counts.get(key)!;
  return out;
}

function addTo(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** A count read from counts that may have crossed a process boundary: anything else reads as 0. */
function countOf(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/**
 * Accumulates the {@link TableCounts} of one table as records are read, cleaned and deduplicated;
 * {@link CountsTally.counts} gives them at any time, reconciled.
 *
 * @example
 * const tally = new CountsTally();
 * tally.countClean();
 * tally.countIssue("title", "placeholder");
 * tally.countRejected("invalid_json", "$");
 * tally.countDuplicates(1);
 * tally.counts(); // { in: 2, clean: 0, rejected: 1, duplicates: 1, byRule: { invalid_json: 1, placeholder: 1 }, … }
 */
export class CountsTally {
  private records = 0;
  private clean = 0;
  private duplicates = 0;
  private readonly reasons = new Float64Array(REJECT_REASONS.length);
  private readonly rules = new Map<string, number>();
  private readonly fields = new Map<string, number>();

  /** Records counted so far. */
  get in(): number {
    return this.records;
  }

  /** A record that reached the clean table (its issues are counted with {@link countIssue}). */
  countClean(): void {
    this.records++;
    this.clean++;
  }

  /** A record rejected for `reason`, counted as an issue of `field` (`$`: the whole record). */
  countRejected(reason: RejectReason, field: string): void {
    this.records++;
    this.reasons[REASON_INDEX.get(reason)!]!++;
    this.countIssue(field, reason);
  }

  /**
   * A cleaner's verdict on one record: clean with its issues, or rejected for the rule of its
   * rejecting issue (`not_an_object`, `missing_key`, `invalid_key`), its other issues counted too.
   */
  countResult(result: { readonly ok: boolean; readonly issues: readonly CleanIssue[] }): void {
    if (result.ok) this.countClean();
    let rejecting = !result.ok;
    for (const issue of result.issues) {
      if (rejecting && REASON_INDEX.has(issue.rule)) {
        rejecting = false;
        this.countRejected(issue.rule as RejectReason, issue.field);
      } else {
        this.countIssue(issue.field, issue.rule);
      }
    }
    // A rejection always carries its reason; should one ever not, it still counts as a record.
    if (rejecting) this.countRejected("invalid_key", "$");
  }

  /** `n` rejections for `reason` on the whole record (`$`), e.g. a gzip file cut at its limit. */
  countRejectedLines(reason: RejectReason, n: number): void {
    this.records += n;
    this.reasons[REASON_INDEX.get(reason)!]! += n;
    addTo(this.rules, reason, n);
    addTo(this.fields, "$", n);
  }

  /** One issue of a record already counted (or about to be). */
  countIssue(field: string, rule: CountedRule): void {
    addTo(this.rules, rule, 1);
    addTo(this.fields, field, 1);
  }

  /** Moves `n` clean records to duplicates. */
  countDuplicates(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.clean) {
      throw new RangeError(`cannot count ${n} duplicates among ${this.clean} clean records`);
    }
    this.clean -= n;
    this.duplicates += n;
  }

  /**
   * Adds counts made elsewhere (a worker thread, an earlier micro-batch). Values that are not
   * non-negative safe integers read as 0, so counts that crossed a process boundary cannot break
   * the reconciliation: `in` is recomputed from the parts.
   */
  add(counts: TableCounts): void {
    const clean = countOf(counts.clean);
    const duplicates = countOf(counts.duplicates);
    let rejected = 0;
    REJECT_REASONS.forEach((reason, i) => {
      const n = countOf(counts.byReason?.[reason]);
      this.reasons[i]! += n;
      rejected += n;
    });
    this.clean += clean;
    this.duplicates += duplicates;
    this.records += clean + duplicates + rejected;
    for (const [rule, n] of Object.entries(counts.byRule ?? {})) addTo(this.rules, rule, countOf(n));
    for (const [field, n] of Object.entries(counts.byField ?? {})) addTo(this.fields, field, countOf(n));
  }

  /** The counts so far. */
  counts(): TableCounts {
    const byReason = {} as Record<RejectReason, number>;
    let rejected = 0;
    REJECT_REASONS.forEach((reason, i) => {
      byReason[reason] = this.reasons[i]!;
      rejected += this.reasons[i]!;
    });
    return {
      in: this.records,
      clean: this.clean,
      rejected,
      duplicates: this.duplicates,
      byReason,
      byRule: sortedCounts(this.rules),
      byField: sortedCounts(this.fields),
    };
  }
}

/**
 * Counts of a table that saw no record.
 *
 * @example
 * emptyTableCounts().in; // 0
 */
export function emptyTableCounts(): TableCounts {
  return new CountsTally().counts();
}
