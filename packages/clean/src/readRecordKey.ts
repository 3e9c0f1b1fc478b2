import type { IssueLog } from "./issueLog";

/**
 * Reads a record key (`index` or `ind`): a non-negative safe integer (with -0 read as 0), or `-1`
 * after logging `missing_key` (absent) or `invalid_key` (anything else, numeric strings included).
 * It sees the number as parsed: a text that rounds to a valid key (`1e-400` → 0) is left to
 * `keyLiteralIssue`, for whoever holds the text.
 *
 * @example
 * readRecordKey(7, "ind", log); // 7
 * readRecordKey("7", "ind", log); // -1, invalid_key logged
 */
export function readRecordKey(value: unknown, field: string, log: IssueLog): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value + 0;
  return rejectKey(value, field, log);
}

function rejectKey(value: unknown, field: string, log: IssueLog): -1 {
  log.add(field, value, value === undefined ? "missing_key" : "invalid_key");
  return -1;
}
