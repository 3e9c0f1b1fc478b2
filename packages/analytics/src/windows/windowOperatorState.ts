import type { JsonValue } from "./jsonValue";
import { INITIAL_WATERMARK, type WatermarkState } from "./watermark";
import type { WindowBounds } from "./windowBounds";

/**
 * A window that is open for one key: its accumulator states and emission bookkeeping.
 *
 * - `revision`: number of emissions so far (the next result's revision); for a merged session,
 *   the emissions of every session merged into it.
 * - `fired`: the watermark has passed `end` and the window was fired; it waits for its purge at
 *   `end + allowedLateness`.
 * - `emitted`: a result was emitted with the current bounds (sessions change bounds as they grow).
 * - `replaces`: earlier emitted bounds of a session that the next emission supersedes.
 *
 * @example
 * const w: OpenWindow = { key: "u1", start: 0, end: 60_000, states: { posts: 2 }, revision: 0,
 *   fired: false, emitted: false, replaces: [] };
 */
export interface OpenWindow {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  states: Record<string, JsonValue>;
  revision: number;
  fired: boolean;
  emitted: boolean;
  replaces: WindowBounds[];
}

/**
 * The whole mutable state of a window operator: everything a checkpoint must hold.
 *
 * - `windows`: open windows by key, then by start.
 * - `sealed`: per key, the end of the latest purged session; a record before it would have joined
 *   that finished session, so it is late. Forgotten once every such record is late anyway.
 * - `ended`: `flush()` was called; the watermark is then `+Infinity`.
 *
 * @example
 * const state: WindowOperatorState = emptyWindowOperatorState();
 */
export interface WindowOperatorState {
  progress: WatermarkState;
  ended: boolean;
  readonly windows: Map<string, Map<number, OpenWindow>>;
  readonly sealed: Map<string, number>;
}

/**
 * The state of an operator that has seen nothing.
 *
 * @example
 * emptyWindowOperatorState().windows.size; // 0
 */
export function emptyWindowOperatorState(): WindowOperatorState {
  return { progress: INITIAL_WATERMARK, ended: false, windows: new Map(), sealed: new Map() };
}
