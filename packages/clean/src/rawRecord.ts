import type { CleanIssue } from "./cleanIssue";

/**
 * A raw record once known to be a plain object: its fields are read by name, as `unknown`.
 *
 * @example
 * const record = raw as RawRecord;
 * record.title; // unknown
 */
export type RawRecord = { readonly [field: string]: unknown };

/**
 * Whether `value` can be a record: a non-null object that is not an array.
 *
 * @example
 * isRawRecord({ ind: 1 }); // true
 * isRawRecord([1]); // false
 */
export function isRawRecord(value: unknown): value is RawRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The rejection of a value that is not a record: one `not_an_object` issue on field `"$"`.
 *
 * @example
 * notAnObject(null); // { ok: false, issues: [{ field: "$", value: null, rule: "not_an_object" }] }
 */
export function notAnObject(value: unknown): { readonly ok: false; readonly issues: readonly CleanIssue[] } {
  return { ok: false, issues: [{ field: "$", value, rule: "not_an_object" }] };
}
