/**
 * A half-open event-time interval `[start, end)` in epoch milliseconds: a record at `t` is inside
 * when `start <= t < end`.
 *
 * @example
 * const firstMinute: WindowBounds = { start: 0, end: 60_000 };
 */
export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}
