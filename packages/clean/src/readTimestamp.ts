import type { IssueLog } from "./issueLog";
import { naiveTimestampMillis } from "./parseNaiveTimestamp";
import type { PlaceholderSet } from "./placeholderSet";
import { readString } from "./readString";

/**
 * Reads a raw timestamp column (`timestamp`, `date_joined`) into a UTC `Date` (see
 * `parseNaiveTimestamp` for the accepted forms). Placeholders, `null`, absent and mistyped values
 * behave as in `readString`; a string that names no real instant gives `null` with
 * `invalid_timestamp`.
 *
 * @example
 * readTimestamp("2022-03-14 04:34:13", "timestamp", placeholders.timestamp, log); // Date 2022-03-14T04:34:13Z
 * readTimestamp("2021-02-30 10:00:00", "timestamp", placeholders.timestamp, log); // null, invalid_timestamp logged
 */
export function readTimestamp(
  value: unknown,
  field: string,
  placeholders: PlaceholderSet,
  log: IssueLog,
): Date | null {
  const text = readString(value, field, placeholders, log);
  if (text === null) return null;
  const millis = naiveTimestampMillis(text);
  if (!Number.isNaN(millis)) return new Date(millis);
  log.add(field, value, "invalid_timestamp");
  return null;
}
