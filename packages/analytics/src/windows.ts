/**
 * `@pinpipe/analytics/windows`: event-time windowed aggregation (tumbling, hopping and session
 * windows, accumulators, watermarks, checkpointable state).
 *
 * @module @pinpipe/analytics/windows
 */
export type { Accumulator } from "./windows/accumulators/accumulator";
export { accumulators } from "./windows/accumulators/accumulators";
export type { TopKEntry, TopKValue } from "./windows/accumulators/topK";
export type { AggregateOver, AggregateSpecs, AggregateValues } from "./windows/aggregateSpecs";
export { assignWindows } from "./windows/assignWindows";
export { createWindowOperator } from "./windows/createWindowOperator";
export type { HoppingWindow } from "./windows/hopping";
export { alignedWindowsContaining, hopping, MAX_WINDOWS_PER_RECORD } from "./windows/hopping";
export type { JsonValue } from "./windows/jsonValue";
export { restoreWindowOperator } from "./windows/restoreWindowOperator";
export type { SerializedWindow, SerializedWindowState } from "./windows/serializeWindowState";
export { WINDOW_STATE_FORMAT, WINDOW_STATE_VERSION } from "./windows/serializeWindowState";
export type { SessionWindow } from "./windows/session";
export { session } from "./windows/session";
export type { WindowOperator } from "./windows/startWindowOperator";
export type { TumblingWindow } from "./windows/tumbling";
export { tumbling } from "./windows/tumbling";
export type { WatermarkState } from "./windows/watermark";
export { INITIAL_WATERMARK, observeEventTime, raiseWatermark } from "./windows/watermark";
export type { WindowBounds } from "./windows/windowBounds";
export type { EmitMode, WindowOperatorConfig } from "./windows/windowOperatorConfig";
export type { LateReason, LateRecord, WindowOutput, WindowResult } from "./windows/windowOutput";
export type { WindowSpec } from "./windows/windowSpec";
export { describeWindowSpec, parseWindowSpec } from "./windows/windowSpec";
export { WindowStateError } from "./windows/windowStateError";
