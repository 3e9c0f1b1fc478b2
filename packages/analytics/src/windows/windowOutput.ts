import type { WindowBounds } from "./windowBounds";

/**
 * One emission of a window's aggregates. `(key, windowStart, windowEnd, revision)` identifies it:
 * a consumer upserts by `(key, windowStart, windowEnd)` and keeps the highest revision.
 *
 * - `revision` starts at 0 and grows by one per emission of the window. A session that absorbed
 *   other sessions continues from the number of results emitted for all of them together.
 * - `final` is true on the last emission, made when the window is purged (its watermark passed
 *   `windowEnd + allowedLateness`, or the stream was flushed); every window ends with exactly one
 *   final result.
 * - `replaces` (sessions only, otherwise empty) lists bounds this session was emitted with before
 *   it grew or merged with another session: those rows are superseded by this one.
 *
 * @example
 * const r: WindowResult<{ posts: number }> = {
 *   key: "u1", windowStart: 0, windowEnd: 60_000, revision: 0, final: true, value: { posts: 3 }, replaces: [],
 * };
 */
export interface WindowResult<V> {
  readonly key: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly revision: number;
  readonly final: boolean;
  readonly value: V;
  readonly replaces: readonly WindowBounds[];
}

/**
 * Why a record was not (fully) counted:
 * - `"window-closed"`: a window it belongs to was already purged (watermark >= end + allowedLateness),
 *   or the stream was flushed;
 * - `"invalid-event-time"`: its event time is not a finite number within ±Number.MAX_SAFE_INTEGER;
 * - `"invalid-key"`: its key is not a string.
 *
 * @example
 * const reason: LateReason = "window-closed";
 */
export type LateReason = "window-closed" | "invalid-event-time" | "invalid-key";

/**
 * A record the operator did not count in every window it belongs to; it is reported here instead
 * of being dropped silently.
 *
 * - `key` is `null` when the key was not a string; `eventTime` is `NaN` when the event time was
 *   not a number.
 * - `watermark` is the watermark when the record arrived.
 * - `windows` lists the windows the record was not counted in (for `"window-closed"`; empty for
 *   invalid records). With hopping windows a record can be too late for its oldest windows only:
 *   it is then still counted in the open ones and reported here with the closed ones.
 *
 * @example
 * const late: LateRecord<{ t: number }> = {
 *   record: { t: 1_000 }, key: "u1", eventTime: 1_000, reason: "window-closed", watermark: 70_000,
 *   windows: [{ start: 0, end: 60_000 }],
 * };
 */
export interface LateRecord<R> {
  readonly record: R;
  readonly key: string | null;
  readonly eventTime: number;
  readonly reason: LateReason;
  readonly watermark: number;
  readonly windows: readonly WindowBounds[];
}

/**
 * What one operator call produced: window results in emission order, and late or rejected records.
 *
 * @example
 * const { results, late } = operator.push(record);
 */
export interface WindowOutput<R, V> {
  readonly results: WindowResult<V>[];
  readonly late: LateRecord<R>[];
}
