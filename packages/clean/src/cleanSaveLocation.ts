import { isBlank } from "./isBlank";

/**
 * The prefix producers put before the path in `save_location`.
 *
 * @example
 * "Local save in /data/art".startsWith(SAVE_LOCATION_PREFIX); // true
 */
export const SAVE_LOCATION_PREFIX = "Local save in ";

/**
 * Memo of results. A table holds few distinct save locations (one per category), and a map lookup
 * costs a fraction of `startsWith` plus `slice` on the hot path; sharing the result strings also
 * saves memory downstream. Bounded in entries and in value length, so hostile inputs cannot make
 * it grow: past the bounds, values are computed but not remembered.
 */
const memo = new Map<string, string | null>();
const MEMO_ENTRIES = 1024;
const MEMO_VALUE_LENGTH = 256;

/**
 * Reduces a raw `save_location` to its path: `"Local save in /data/art"` → `"/data/art"`. The
 * prefix (exact spelling and case) is removed, repeatedly if a producer doubled it, so the function
 * is idempotent; the rest is kept byte for byte. A value that is already a bare path stays as it
 * is. Empty or blank results and non-strings give `null`. Never throws.
 *
 * @example
 * cleanSaveLocation("Local save in /data/art"); // "/data/art"
 * cleanSaveLocation("/data/art"); // "/data/art"
 * cleanSaveLocation("Local save in "); // null
 * cleanSaveLocation(42); // null
 */
export function cleanSaveLocation(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const memorable = value.length <= MEMO_VALUE_LENGTH;
  if (memorable) {
    const remembered = memo.get(value);
    if (remembered !== undefined) return remembered;
  }
  let start = 0;
  while (value.startsWith(SAVE_LOCATION_PREFIX, start)) start += SAVE_LOCATION_PREFIX.length;
  const path = start === 0 ? value : value.slice(start);
  const result = isBlank(path) ? null : path;
  if (memorable && memo.size < MEMO_ENTRIES) memo.set(value, result);
  return result;
}
