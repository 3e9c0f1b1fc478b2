import { assignWindows } from "./assignWindows";
import { describeValue } from "./describeValue";
import type { JsonValue } from "./jsonValue";
import { type SerializedWindowState, serializeWindowState } from "./serializeWindowState";
import { TimerQueue } from "./timerQueue";
import { observeEventTime, raiseWatermark } from "./watermark";
import type { WindowBounds } from "./windowBounds";
import type { ResolvedWindowOperatorConfig } from "./windowOperatorConfig";
import type { OpenWindow, WindowOperatorState } from "./windowOperatorState";
import type { LateReason, LateRecord, WindowOutput, WindowResult } from "./windowOutput";

/**
 * An event-time window operator: feed it records, read window results and late records back.
 * It is deterministic and does no I/O: time only moves with the records' event times,
 * `advanceWatermark` and `flush`.
 *
 * - `push(record)`: counts the record in its windows, then fires the windows the new watermark
 *   has passed.
 * - `advanceWatermark(time)`: moves the watermark to `time` if that is later (e.g. an idle source).
 * - `flush()`: end of stream; fires and purges every open window. Records pushed afterwards are late.
 * - `serialize()`: a JSON-safe checkpoint of the whole state, for `restoreWindowOperator`.
 * - `watermark`: `-Infinity` before the first record, `+Infinity` after `flush()`.
 *
 * @example
 * const op = createWindowOperator({ window: tumbling(1_000), key: (r: { t: number }) => "all",
 *   eventTime: (r) => r.t, aggregate: { n: count() } });
 * op.push({ t: 100 });
 * op.push({ t: 1_500 }).results; // [{ key: "all", windowStart: 0, windowEnd: 1000, revision: 0, final: true, value: { n: 1 }, replaces: [] }]
 */
export interface WindowOperator<R, V> {
  /** Counts a record in its windows, then fires what the new watermark passed. @example op.push(post); */
  push(record: R): WindowOutput<R, V>;
  /** Moves the watermark to `time` if later. @throws RangeError unless finite. @example op.advanceWatermark(60_000); */
  advanceWatermark(time: number): WindowOutput<R, V>;
  /** Ends the stream: fires and purges every open window. @example const { results } = op.flush(); */
  flush(): WindowOutput<R, V>;
  /** JSON-safe checkpoint of the whole state. @example const text = JSON.stringify(op.serialize()); */
  serialize(): SerializedWindowState;
  /** `-Infinity` before the first record, `+Infinity` after `flush()`. @example op.watermark; // 58_000 */
  readonly watermark: number;
}

/**
 * Runs an operator over a checked configuration and a state (empty, or parsed from a checkpoint).
 * The timer queue is rebuilt from the open windows, so it needs no place in checkpoints.
 *
 * @example
 * const op = startWindowOperator(resolveWindowOperatorConfig(config), emptyWindowOperatorState());
 */
export function startWindowOperator<R, V>(
  config: ResolvedWindowOperatorConfig<R>,
  state: WindowOperatorState,
): WindowOperator<R, V> {
  const spec = config.window;
  const lateness = config.allowedLateness;
  const timers = new TimerQueue();

  const currentWatermark = (): number => (state.ended ? Number.POSITIVE_INFINITY : state.progress.watermark);
  // A window fires when the watermark reaches its end and is purged at end + allowedLateness.
  const triggerTime = (w: OpenWindow): number => (w.fired ? w.end + lateness : w.end);
  const schedule = (w: OpenWindow): void =>
    timers.push({ time: triggerTime(w), kind: "window", key: w.key, start: w.start });
  const scheduleSealExpiry = (key: string, until: number): void => {
    // After this watermark every record that could reach back before `until` is late anyway.
    if (spec.kind === "session")
      timers.push({ time: until + spec.gap + lateness, kind: "seal", key, start: until });
  };

  for (const keyWindows of state.windows.values()) for (const w of keyWindows.values()) schedule(w);
  for (const [key, until] of state.sealed) scheduleSealExpiry(key, until);

  function initStates(): Record<string, JsonValue> {
    const states: Record<string, JsonValue> = {};
    for (const { name, accumulator } of config.aggregates) states[name] = accumulator.init();
    return states;
  }

  function mergeStates(
    a: Record<string, JsonValue>,
    b: Record<string, JsonValue>,
  ): Record<string, JsonValue> {
    const states: Record<string, JsonValue> = {};
    for (const { name, accumulator } of config.aggregates) {
      states[name] = accumulator.merge(a[name] as JsonValue, b[name] as JsonValue);
    }
    return states;
  }

  function addValues(w: OpenWindow, values: readonly unknown[]): void {
    config.aggregates.forEach(({ name, accumulator }, i) => {
      w.states[name] = accumulator.add(w.states[name] as JsonValue, values[i]);
    });
  }

  function emitResult(w: OpenWindow, final: boolean): WindowResult<V> {
    const value: Record<string, unknown> = {};
    for (const { name, accumulator } of config.aggregates)
      value[name] = accumulator.result(w.states[name] as JsonValue);
    const result: WindowResult<V> = {
      key: w.key,
      windowStart: w.start,
      windowEnd: w.end,
      revision: w.revision,
      final,
      value: value as V,
      replaces: w.replaces,
    };
    w.revision += 1;
    w.replaces = [];
    w.emitted = true;
    return result;
  }

  function windowsOf(key: string): Map<number, OpenWindow> {
    let keyWindows = state.windows.get(key);
    if (keyWindows === undefined) {
      keyWindows = new Map();
      state.windows.set(key, keyWindows);
    }
    return keyWindows;
  }

  /** Adds a record to its tumbling or hopping windows; returns the windows already purged. */
  function addToAlignedWindows(
    key: string,
    time: number,
    values: readonly unknown[],
    out: WindowOutput<R, V>,
  ): WindowBounds[] {
    const watermark = currentWatermark();
    const closed: WindowBounds[] = [];
    for (const bounds of assignWindows(spec, time)) {
      if (bounds.end + lateness <= watermark) {
        closed.push(bounds);
        continue;
      }
      const keyWindows = windowsOf(key);
      let w = keyWindows.get(bounds.start);
      if (w === undefined) {
        w = newWindow(key, bounds.start, bounds.end, initStates());
        keyWindows.set(w.start, w);
        schedule(w);
      }
      addValues(w, values);
      if (config.emit === "update" || w.fired) out.results.push(emitResult(w, false));
    }
    return closed;
  }

  /** Adds a record to its key's sessions, merging those it bridges; returns `[]` or its closed session. */
  function addToSession(
    key: string,
    time: number,
    gap: number,
    values: readonly unknown[],
    out: WindowOutput<R, V>,
  ): WindowBounds[] {
    const watermark = currentWatermark();
    const own: WindowBounds = { start: time, end: time + gap };
    const sealedUntil = state.sealed.get(key);
    if ((sealedUntil !== undefined && time < sealedUntil) || own.end + lateness <= watermark) return [own];

    const keyWindows = windowsOf(key);
    const parts = [...keyWindows.values()]
      .filter((w) => w.start < own.end && own.start < w.end)
      .sort((a, b) => a.start - b.start);
    const start = Math.min(own.start, ...parts.map((p) => p.start));
    const end = Math.max(own.end, ...parts.map((p) => p.end));
    let w = parts.length === 1 && parts[0]?.start === start && parts[0].end === end ? parts[0] : undefined;
    if (w === undefined) {
      const [first, ...rest] = parts;
      const states =
        first === undefined
          ? initStates()
          : rest.reduce((acc, p) => mergeStates(acc, p.states), first.states);
      w = newWindow(key, start, end, states);
      // Revisions count the emissions of the whole lineage, so they do not depend on merge order.
      w.revision = parts.reduce((total, p) => total + p.revision, 0);
      // The merged session is already fired only if it has not grown past the watermark.
      w.fired = parts.length > 0 && parts.every((p) => p.fired) && end <= watermark;
      w.replaces = parts
        .flatMap((p) => (p.emitted ? [...p.replaces, { start: p.start, end: p.end }] : p.replaces))
        .sort((a, b) => a.start - b.start);
      for (const p of parts) keyWindows.delete(p.start);
      keyWindows.set(start, w);
      schedule(w);
    }
    addValues(w, values);
    if (config.emit === "update" || w.fired) out.results.push(emitResult(w, false));
    return [];
  }

  function purge(keyWindows: Map<number, OpenWindow>, w: OpenWindow, out: WindowOutput<R, V>): void {
    out.results.push(emitResult(w, true));
    keyWindows.delete(w.start);
    if (keyWindows.size === 0) state.windows.delete(w.key);
    if (spec.kind === "session") {
      const previous = state.sealed.get(w.key);
      if (previous === undefined || w.end > previous) {
        state.sealed.set(w.key, w.end);
        scheduleSealExpiry(w.key, w.end);
      }
    }
  }

  /** Fires and purges, in timer order, every window the watermark has reached. */
  function fireDue(out: WindowOutput<R, V>): void {
    const watermark = currentWatermark();
    for (let timer = timers.peek(); timer !== undefined && timer.time <= watermark; timer = timers.peek()) {
      timers.pop();
      if (timer.kind === "seal") {
        if (state.sealed.get(timer.key) === timer.start) state.sealed.delete(timer.key);
        continue;
      }
      const keyWindows = state.windows.get(timer.key);
      const w = keyWindows?.get(timer.start);
      // Timers are never removed: one whose window merged away, fired or moved is stale.
      if (keyWindows === undefined || w === undefined || triggerTime(w) !== timer.time) continue;
      if (!w.fired) {
        w.fired = true;
        // With lateness, "close" emits on firing even when the purge is due too, so how many
        // results a window gets never depends on how far the watermark jumped. The purge timer
        // may already be due: the loop then takes it in time order with the other timers.
        if (lateness > 0) {
          if (config.emit === "close") out.results.push(emitResult(w, false));
          schedule(w);
          continue;
        }
      }
      purge(keyWindows, w, out);
    }
  }

  function late(
    record: R,
    key: string | null,
    eventTime: number,
    reason: LateReason,
    windows: readonly WindowBounds[],
  ): LateRecord<R> {
    return { record, key, eventTime, reason, watermark: currentWatermark(), windows };
  }

  return {
    push(record: R): WindowOutput<R, V> {
      const out: WindowOutput<R, V> = { results: [], late: [] };
      const key: unknown = config.key(record);
      const rawTime: unknown = config.eventTime(record);
      const eventTime = typeof rawTime === "number" ? rawTime + 0 : Number.NaN;
      if (typeof key !== "string") {
        out.late.push(late(record, null, eventTime, "invalid-key", []));
        return out;
      }
      if (!Number.isFinite(eventTime) || Math.abs(eventTime) > Number.MAX_SAFE_INTEGER) {
        out.late.push(late(record, key, eventTime, "invalid-event-time", []));
        return out;
      }
      const values = config.aggregates.map((a) => a.value(record));
      const closed =
        spec.kind === "session"
          ? addToSession(key, eventTime, spec.gap, values, out)
          : addToAlignedWindows(key, eventTime, values, out);
      if (closed.length > 0) out.late.push(late(record, key, eventTime, "window-closed", closed));
      if (!state.ended)
        state.progress = observeEventTime(state.progress, eventTime, config.maxOutOfOrderness);
      fireDue(out);
      return out;
    },

    advanceWatermark(time: number): WindowOutput<R, V> {
      if (typeof time !== "number" || !Number.isFinite(time)) {
        throw new RangeError(
          `advanceWatermark needs a finite epoch-milliseconds number (flush() ends the stream), got ${describeValue(time)}`,
        );
      }
      const out: WindowOutput<R, V> = { results: [], late: [] };
      if (!state.ended) state.progress = raiseWatermark(state.progress, time + 0);
      fireDue(out);
      return out;
    },

    flush(): WindowOutput<R, V> {
      const out: WindowOutput<R, V> = { results: [], late: [] };
      state.ended = true;
      fireDue(out);
      return out;
    },

    serialize: () => serializeWindowState(config, state),

    get watermark(): number {
      return currentWatermark();
    },
  };
}

function newWindow(key: string, start: number, end: number, states: Record<string, JsonValue>): OpenWindow {
  return { key, start, end, states, revision: 0, fired: false, emitted: false, replaces: [] };
}
