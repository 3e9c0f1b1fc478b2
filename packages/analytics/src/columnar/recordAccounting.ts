import type { RawTableName } from "./rawTableName";

/**
 * Why a raw line produced no clean record: it is not UTF-8 JSON (`invalid_json`), it is longer
 * than the line limit and was skipped unread (`too_long`), or the cleaner rejected it
 * (`not_an_object`, `missing_key`, `invalid_key`, as in @pinpipe/clean).
 *
 * @example
 * const reason: RejectReason = "invalid_json";
 */
export type RejectReason = "invalid_json" | "too_long" | "not_an_object" | "missing_key" | "invalid_key";

/**
 * Every {@link RejectReason}, in the order reports list them.
 *
 * @example
 * REJECT_REASONS.length; // 4
 */
export const REJECT_REASONS: readonly RejectReason[] = Object.freeze([
  "invalid_json",
  "too_long",
  "not_an_object",
  "missing_key",
  "invalid_key",
] as const);

/**
 * Where the records of one table went. Always `records = clean + duplicates + rejected total`
 * (blank lines are not records).
 *
 * @example
 * const account: TableAccount = { records: 3, clean: 1, duplicates: 1, rejected: { invalid_json: 1, not_an_object: 0, missing_key: 0, invalid_key: 0 } };
 */
export interface TableAccount {
  /** Non-blank lines read. */
  records: number;
  /** Rows that reached the clean table. */
  clean: number;
  /** Clean records dropped as exact duplicates of an earlier one (only when deduplicating). */
  duplicates: number;
  /** Rejected lines by reason. */
  rejected: Record<RejectReason, number>;
}

/**
 * A {@link TableAccount} per raw table.
 *
 * @example
 * const accounting = emptyAccounting();
 * accounting.pin.records; // 0
 */
export type RecordAccounting = Record<RawTableName, TableAccount>;

function emptyAccount(): TableAccount {
  return {
    records: 0,
    clean: 0,
    duplicates: 0,
    rejected: { invalid_json: 0, too_long: 0, not_an_object: 0, missing_key: 0, invalid_key: 0 },
  };
}

/**
 * An accounting with every count at zero.
 *
 * @example
 * emptyAccounting().user.rejected.invalid_json; // 0
 */
export function emptyAccounting(): RecordAccounting {
  return { pin: emptyAccount(), geo: emptyAccount(), user: emptyAccount() };
}

/**
 * Adds every count of `from` into `into` (mutating `into`).
 *
 * @example
 * const total = emptyAccounting();
 * addAccounting(total, partial.accounting);
 */
export function addAccounting(into: RecordAccounting, from: RecordAccounting): void {
  for (const table of ["pin", "geo", "user"] as const) {
    const a = into[table];
    const b = from[table];
    a.records += b.records;
    a.clean += b.clean;
    a.duplicates += b.duplicates;
    for (const reason of REJECT_REASONS) a.rejected[reason] += b.rejected[reason];
  }
}

/**
 * Total rejected records of one table.
 *
 * @example
 * rejectedTotal(accounting.pin); // e.g. 12
 */
export function rejectedTotal(account: TableAccount): number {
  return REJECT_REASONS.reduce((sum, reason) => sum + account.rejected[reason], 0);
}
