import { requirePositiveMilliseconds } from "./requireDuration";

/**
 * Per-key activity windows closed by `gap` milliseconds of inactivity.
 *
 * @example
 * const visits: SessionWindow = { kind: "session", gap: 1_800_000 };
 */
export interface SessionWindow {
  readonly kind: "session";
  readonly gap: number;
}

/**
 * Describes session windows: per key, records less than `gap` apart share one session
 * `[firstEventTime, lastEventTime + gap)`. A record that lands within `gap` of two sessions
 * bridges them into one. Records exactly `gap` apart start a new session (the intervals are
 * half-open, so `[t1, t1 + gap)` and `[t1 + gap, ...)` do not overlap).
 *
 * @throws RangeError when `gap` is not a positive integer.
 * @example
 * session(30_000); // records at 0, 10_000 and 50_000 give sessions [0, 40_000) and [50_000, 80_000)
 */
export function session(gap: number): SessionWindow {
  return { kind: "session", gap: requirePositiveMilliseconds("session gap", gap) };
}
