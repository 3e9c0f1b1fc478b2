import { isBlank } from "./isBlank";

/**
 * The prefix producers put before the path in `save_location`.
 *
 * @example
 * "Local save in /data/art".startsWith(SAVE_LOCATION_PREFIX); // true
 */
export const SAVE_LOCATION_PREFIX = "Local save in ";

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
  let path = value;
  while (path.startsWith(SAVE_LOCATION_PREFIX)) path = path.slice(SAVE_LOCATION_PREFIX.length);
  return isBlank(path) ? null : path;
}
