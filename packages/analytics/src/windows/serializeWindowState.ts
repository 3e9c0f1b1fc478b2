import type { JsonValue } from "./jsonValue";
import type { WindowBounds } from "./windowBounds";
import type { EmitMode, ResolvedWindowOperatorConfig } from "./windowOperatorConfig";
import type { WindowOperatorState } from "./windowOperatorState";
import type { WindowSpec } from "./windowSpec";

/**
 * Format tag of window operator checkpoints.
 *
 * @example
 * operator.serialize().format === WINDOW_STATE_FORMAT; // true
 */
export const WINDOW_STATE_FORMAT = "pinpipe.windowOperator";

/**
 * Version of the checkpoint layout; `restoreWindowOperator` reads this version only.
 *
 * @example
 * operator.serialize().version === WINDOW_STATE_VERSION; // true
 */
export const WINDOW_STATE_VERSION = 1;

/**
 * One open window in a checkpoint (see `OpenWindow` for the fields' meaning).
 *
 * @example
 * const w: SerializedWindow = { key: "u1", start: 0, end: 60_000, revision: 0, fired: false,
 *   emitted: false, replaces: [], states: { posts: 2 } };
 */
export type SerializedWindow = {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly revision: number;
  readonly fired: boolean;
  readonly emitted: boolean;
  readonly replaces: readonly WindowBounds[];
  readonly states: { readonly [name: string]: JsonValue };
};

/**
 * A window operator checkpoint: plain JSON (`JSON.stringify` it as is). It records the settings
 * it was made with (window, aggregate names, out-of-orderness, lateness, emit mode) so restoring
 * under a different configuration fails loudly instead of mixing semantics. `maxEventTime` and
 * `watermark` are `null` before the first record.
 *
 * @example
 * const text = JSON.stringify(operator.serialize());
 */
export type SerializedWindowState = {
  readonly format: typeof WINDOW_STATE_FORMAT;
  readonly version: typeof WINDOW_STATE_VERSION;
  readonly window: WindowSpec;
  readonly aggregates: { readonly [name: string]: string };
  readonly maxOutOfOrderness: number;
  readonly allowedLateness: number;
  readonly emit: EmitMode;
  readonly maxEventTime: number | null;
  readonly watermark: number | null;
  readonly ended: boolean;
  readonly windows: readonly SerializedWindow[];
  readonly sealed: readonly { readonly key: string; readonly until: number }[];
};

/**
 * Copies an operator state into a checkpoint. Windows are listed by key then start, so the same
 * state always gives the same JSON; accumulator states are deep-copied, so later pushes do not
 * change a checkpoint already taken.
 *
 * @example
 * const checkpoint = serializeWindowState(resolvedConfig, emptyWindowOperatorState());
 * checkpoint.windows; // []
 */
export function serializeWindowState<R>(
  config: ResolvedWindowOperatorConfig<R>,
  state: WindowOperatorState,
): SerializedWindowState {
  const windows: SerializedWindow[] = [];
  for (const key of [...state.windows.keys()].sort()) {
    const keyWindows = state.windows.get(key);
    if (keyWindows === undefined) continue;
    for (const w of [...keyWindows.values()].sort((a, b) => a.start - b.start)) {
      windows.push({
        key,
        start: w.start,
        end: w.end,
        revision: w.revision,
        fired: w.fired,
        emitted: w.emitted,
        replaces: w.replaces.map(({ start, end }) => ({ start, end })),
        states: structuredClone(w.states),
      });
    }
  }
  return {
    format: WINDOW_STATE_FORMAT,
    version: WINDOW_STATE_VERSION,
    window: { ...config.window },
    aggregates: Object.fromEntries(config.aggregates.map((a) => [a.name, a.accumulator.name])),
    maxOutOfOrderness: config.maxOutOfOrderness,
    allowedLateness: config.allowedLateness,
    emit: config.emit,
    maxEventTime: finiteOrNull(state.progress.maxEventTime),
    watermark: finiteOrNull(state.progress.watermark),
    ended: state.ended,
    windows,
    sealed: [...state.sealed.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, until]) => ({ key, until })),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
