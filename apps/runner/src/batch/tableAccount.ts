/**
 * Rule of a line that held no record at all (not UTF-8, not JSON, too long, not an object where
 * the reader requires one); the issue's value says which.
 *
 * @example
 * const issue = { field: "$", value: "invalid JSON: Unexpected token", rule: UNREADABLE_LINE_RULE };
 */
export const UNREADABLE_LINE_RULE = "invalid_json";

/**
 * Where the records of one table went, as the manifest lists them. `in = clean + rejected +
 * duplicates`; `byRule` and `byField` count issues (a record can have several, and duplicates are
 * cleaned, hence counted, before being recognised), keys sorted.
 *
 * @example
 * const counts: TableCounts = { in: 3, clean: 1, rejected: 1, duplicates: 1, byRule: { placeholder: 2 }, byField: { title: 2 } };
 */
export interface TableCounts {
  readonly in: number;
  readonly clean: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly byField: Readonly<Record<string, number>>;
}

/** What an issue is counted by: its raw field (`$` for the whole record) and its rule. */
interface IssueKey {
  readonly field: string;
  readonly rule: string;
}

const sortedObject = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Counts one table's records while a batch reads them: each record read is counted clean or
 * rejected with its issues; deduplication later moves clean records to `duplicates`.
 *
 * @example
 * const account = new TableAccount();
 * account.countClean(result.issues);
 * account.countDuplicates(1);
 * account.counts(); // { in: 1, clean: 0, rejected: 0, duplicates: 1, byRule: {}, byField: {} }
 */
export class TableAccount {
  private records = 0;
  private clean = 0;
  private rejected = 0;
  private duplicates = 0;
  private readonly byRule = new Map<string, number>();
  private readonly byField = new Map<string, number>();

  /** A record that reached the clean table, with the issues met on the way. */
  countClean(issues: readonly IssueKey[]): void {
    this.records++;
    this.clean++;
    this.countIssues(issues);
  }

  /** A record (or unreadable line) rejected for `issues`. */
  countRejected(issues: readonly IssueKey[]): void {
    this.records++;
    this.rejected++;
    this.countIssues(issues);
  }

  /** Moves `n` clean records to duplicates. */
  countDuplicates(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.clean) {
      throw new RangeError(`cannot count ${n} duplicates among ${this.clean} clean records`);
    }
    this.clean -= n;
    this.duplicates += n;
  }

  /** The counts so far. */
  counts(): TableCounts {
    return {
      in: this.records,
      clean: this.clean,
      rejected: this.rejected,
      duplicates: this.duplicates,
      byRule: sortedObject(this.byRule),
      byField: sortedObject(this.byField),
    };
  }

  private countIssues(issues: readonly IssueKey[]): void {
    for (const { field, rule } of issues) {
      this.byRule.set(rule, (this.byRule.get(rule) ?? 0) + 1);
      this.byField.set(field, (this.byField.get(field) ?? 0) + 1);
    }
  }
}
