/**
 * Event-time progress of a stream: the largest event time seen and the watermark, the time
 * before which no more on-time records are expected. Both start at `-Infinity`.
 *
 * @example
 * const start: WatermarkState = { maxEventTime: -Infinity, watermark: -Infinity };
 */
export interface WatermarkState {
  readonly maxEventTime: number;
  readonly watermark: number;
}

/**
 * The state of a stream that has seen no record yet.
 *
 * @example
 * observeEventTime(INITIAL_WATERMARK, 10_000, 2_000).watermark; // 8000
 */
export const INITIAL_WATERMARK: WatermarkState = { maxEventTime: -Infinity, watermark: -Infinity };

/**
 * Takes a record's event time into account: the watermark becomes
 * `max(previous watermark, max event time seen - maxOutOfOrderness)`, so it never goes back even
 * when records arrive out of order.
 *
 * @example
 * const a = observeEventTime(INITIAL_WATERMARK, 10_000, 2_000); // watermark 8000
 * observeEventTime(a, 5_000, 2_000).watermark; // still 8000: an older record does not move it back
 */
export function observeEventTime(
  state: WatermarkState,
  eventTime: number,
  maxOutOfOrderness: number,
): WatermarkState {
  const maxEventTime = Math.max(state.maxEventTime, eventTime);
  return { maxEventTime, watermark: Math.max(state.watermark, maxEventTime - maxOutOfOrderness) };
}

/**
 * Moves the watermark forward to `time` explicitly (e.g. an idle source, or a punctuation from
 * upstream); a `time` behind the current watermark changes nothing.
 *
 * @example
 * raiseWatermark(INITIAL_WATERMARK, 60_000).watermark; // 60000
 * raiseWatermark({ maxEventTime: 0, watermark: 60_000 }, 10_000).watermark; // 60000
 */
export function raiseWatermark(state: WatermarkState, time: number): WatermarkState {
  return { maxEventTime: state.maxEventTime, watermark: Math.max(state.watermark, time) };
}
