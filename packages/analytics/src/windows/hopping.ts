import { requirePositiveMilliseconds } from "./requireDuration";
import type { WindowBounds } from "./windowBounds";

/**
 * Overlapping windows `[k * advance, k * advance + size)` aligned to the epoch.
 *
 * @example
 * const lastHourEveryTenMinutes: HoppingWindow = { kind: "hopping", size: 3_600_000, advance: 600_000 };
 */
export interface HoppingWindow {
  readonly kind: "hopping";
  readonly size: number;
  readonly advance: number;
}

/**
 * Most windows one record may fall in (`ceil(size / advance)`): a guard against configurations
 * such as `hopping(86_400_000, 1)` that would create millions of windows per record.
 *
 * @example
 * hopping(60_000, 6); // 10_000 windows per record: allowed
 * hopping(60_000, 5); // 12_000 windows per record: throws RangeError
 */
export const MAX_WINDOWS_PER_RECORD = 10_000;

/**
 * Describes hopping (sliding) windows of `size` milliseconds starting every `advance`
 * milliseconds: a record at `t` belongs to every window `[s, s + size)` with `s = k * advance`
 * and `s <= t < s + size`. `hopping(size, size)` is the same as `tumbling(size)`.
 *
 * @throws RangeError when `size` or `advance` is not a positive integer, when `advance > size`
 * (records between windows would belong to none) or when a record would fall in more than
 * {@link MAX_WINDOWS_PER_RECORD} windows.
 * @example
 * hopping(60_000, 20_000); // a record at 70_000 is in [20_000, 80_000), [40_000, 100_000), [60_000, 120_000)
 */
export function hopping(size: number, advance: number): HoppingWindow {
  requirePositiveMilliseconds("hopping window size", size);
  requirePositiveMilliseconds("hopping window advance", advance);
  if (advance > size) {
    throw new RangeError(
      `hopping window advance (${advance}) must not exceed its size (${size}): records between windows would be lost`,
    );
  }
  if (Math.ceil(size / advance) > MAX_WINDOWS_PER_RECORD) {
    throw new RangeError(
      `hopping(${size}, ${advance}) puts each record in ${Math.ceil(size / advance)} windows; at most ${MAX_WINDOWS_PER_RECORD} are allowed`,
    );
  }
  return { kind: "hopping", size, advance };
}

/**
 * The epoch-aligned windows `[k * advance, k * advance + size)` that contain `time`, earliest
 * start first. With `advance === size` this is the single tumbling window of `time`.
 *
 * @example
 * alignedWindowsContaining(70_000, 60_000, 20_000);
 * // [{ start: 20_000, end: 80_000 }, { start: 40_000, end: 100_000 }, { start: 60_000, end: 120_000 }]
 */
export function alignedWindowsContaining(time: number, size: number, advance: number): WindowBounds[] {
  if (!(Math.abs(time) <= Number.MAX_SAFE_INTEGER)) {
    // Beyond 2^53 subtracting `advance` may not change a float, so the loop below would not end.
    throw new RangeError(`event time must be a finite number within ±Number.MAX_SAFE_INTEGER, got ${time}`);
  }
  // `+ 0` turns -0 into 0 so that JSON round trips keep window starts identical.
  let last = Math.floor(time / advance) * advance + 0;
  // Division can round across an integer for times near 2^53; nudge to the true greatest start <= time.
  if (last > time) last -= advance;
  else if (last + advance <= time) last += advance;
  const windows: WindowBounds[] = [];
  for (let start = last; start + size > time; start -= advance) windows.push({ start, end: start + size });
  return windows.reverse();
}
