import { isBlank } from "./isBlank";

/**
 * The prefix producers put before the path in `save_location`.
 *
 * @example
 * "Local save in /data/art".startsWith(SAVE_LOCATION_PREFIX); // true
 */
export const SAVE_LOCATION_PREFIX = "Local save in ";

/**
 * A small direct-mapped cache of results, indexed by length and last character. A table holds few
 * distinct save locations (one per category); on the cleaning hot path one string comparison with
 * the cached raw value is much cheaper than `startsWith` plus `slice`, and cheaper than a `Map`
 * lookup, which must hash each freshly parsed string. Results are shared strings, which also saves
 * memory downstream. A slot holds one value: a colliding value simply replaces it. Long values are
 * not cached, so the cache never holds much memory.
 */
const CACHE_SLOTS = 64;
const CACHEABLE_LENGTH = 256;
const cachedRaw: (string | undefined)[] = new Array(CACHE_SLOTS).fill(undefined);
const cachedPath: (string | null)[] = new Array(CACHE_SLOTS).fill(null);

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
  const length = value.length;
  if (length > CACHEABLE_LENGTH) return stripPrefix(value);
  const slot = (length * 31 + value.charCodeAt(length - 1)) & (CACHE_SLOTS - 1);
  if (cachedRaw[slot] === value) return cachedPath[slot] as string | null;
  const path = stripPrefix(value);
  cachedRaw[slot] = value;
  cachedPath[slot] = path;
  return path;
}

function stripPrefix(value: string): string | null {
  let start = 0;
  while (value.startsWith(SAVE_LOCATION_PREFIX, start)) start += SAVE_LOCATION_PREFIX.length;
  const path = start === 0 ? value : value.slice(start);
  return isBlank(path) ? null : path;
}
