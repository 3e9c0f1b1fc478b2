import type { CleanIssue } from "./cleanIssue";

/**
 * Outcome of cleaning one raw record: either the clean record with the issues met on the way
 * (fields that became `null`, ignored hostile keys), or a rejection when the record cannot be keyed.
 *
 * @example
 * const result: CleanResult<CleanUser> = cleanUser(raw);
 * if (result.ok) save(result.value);
 * else log(result.issues);
 */
export type CleanResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly CleanIssue[] }
  | { readonly ok: false; readonly issues: readonly CleanIssue[] };
