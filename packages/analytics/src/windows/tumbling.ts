import { requirePositiveMilliseconds } from "./requireDuration";

/**
 * Fixed, non-overlapping windows `[k * size, (k + 1) * size)` aligned to the epoch.
 *
 * @example
 * const perMinute: TumblingWindow = { kind: "tumbling", size: 60_000 };
 */
export interface TumblingWindow {
  readonly kind: "tumbling";
  readonly size: number;
}

/**
 * Describes tumbling windows of `size` milliseconds: every record falls in exactly one window,
 * `[floor(t / size) * size, floor(t / size) * size + size)`.
 *
 * @throws RangeError when `size` is not a positive integer.
 * @example
 * tumbling(60_000); // { kind: "tumbling", size: 60000 }: a record at 90_000 is in [60_000, 120_000)
 */
export function tumbling(size: number): TumblingWindow {
  return { kind: "tumbling", size: requirePositiveMilliseconds("tumbling window size", size) };
}
