import { describeValue } from "./describeValue";
import type { JsonValue } from "./jsonValue";
import { WINDOW_STATE_FORMAT, WINDOW_STATE_VERSION } from "./serializeWindowState";
import type { WindowBounds } from "./windowBounds";
import type { ResolvedWindowOperatorConfig } from "./windowOperatorConfig";
import type { OpenWindow, WindowOperatorState } from "./windowOperatorState";
import { describeWindowSpec, parseWindowSpec, type WindowSpec } from "./windowSpec";
import { WindowStateError } from "./windowStateError";

/**
 * Checks a checkpoint (JSON text or the parsed value) against the configuration it is restored
 * under and turns it into an operator state. Nothing in the input is trusted: every field is
 * checked, and the input is copied so later changes to it do not reach the operator.
 *
 * @throws WindowStateError naming the first problem found.
 * @example
 * parseWindowState(resolvedConfig, JSON.stringify(operator.serialize())).windows.size; // open keys
 * parseWindowState(resolvedConfig, "not json"); // throws WindowStateError
 */
export function parseWindowState<R>(
  config: ResolvedWindowOperatorConfig<R>,
  input: unknown,
): WindowOperatorState {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new WindowStateError(
        "",
        `not valid JSON (${error instanceof Error ? error.message : describeValue(error)})`,
      );
    }
  }
  const root = record(value, "");
  if (root.format !== WINDOW_STATE_FORMAT) fail("format", `expected "${WINDOW_STATE_FORMAT}"`, root.format);
  if (root.version !== WINDOW_STATE_VERSION) {
    fail("version", `expected ${WINDOW_STATE_VERSION} (the only version this code reads)`, root.version);
  }
  checkSettings(config, root);

  const maxEventTime = finiteOrNull(root.maxEventTime, "maxEventTime");
  const watermark = finiteOrNull(root.watermark, "watermark");
  if (typeof root.ended !== "boolean") fail("ended", "expected a boolean", root.ended);

  const windows = new Map<string, Map<number, OpenWindow>>();
  list(root.windows, "windows").forEach((item, i) => {
    const w = parseWindow(config, item, `windows[${i}]`, watermark);
    let keyWindows = windows.get(w.key);
    if (keyWindows === undefined) {
      keyWindows = new Map();
      windows.set(w.key, keyWindows);
    }
    if (keyWindows.has(w.start))
      fail(`windows[${i}]`, `duplicate window for key ${JSON.stringify(w.key)}`, w.start);
    keyWindows.set(w.start, w);
  });
  if (config.window.kind === "session") checkSessionsDisjoint(windows);

  const sealed = new Map<string, number>();
  list(root.sealed, "sealed").forEach((item, i) => {
    const path = `sealed[${i}]`;
    const entry = record(item, path);
    if (config.window.kind !== "session") fail(path, "only session windows have seals", item);
    if (typeof entry.key !== "string") fail(`${path}.key`, "expected a string", entry.key);
    if (sealed.has(entry.key)) fail(`${path}.key`, "duplicate seal", entry.key);
    sealed.set(entry.key, finite(entry.until, `${path}.until`));
  });
  if (root.ended && (windows.size > 0 || sealed.size > 0))
    fail("ended", "a flushed operator has no open windows", true);

  return {
    progress: { maxEventTime: maxEventTime ?? -Infinity, watermark: watermark ?? -Infinity },
    ended: root.ended,
    windows,
    sealed,
  };
}

/** The checkpoint must have been written under the same settings, or its windows mean something else. */
function checkSettings<R>(config: ResolvedWindowOperatorConfig<R>, root: Record<string, unknown>): void {
  let window: WindowSpec;
  try {
    window = parseWindowSpec(root.window);
  } catch (error) {
    throw new WindowStateError("window", error instanceof Error ? error.message : describeValue(error));
  }
  if (describeWindowSpec(window) !== describeWindowSpec(config.window)) {
    fail(
      "window",
      `written with ${describeWindowSpec(window)}, configured with ${describeWindowSpec(config.window)}`,
    );
  }
  const aggregates = record(root.aggregates, "aggregates");
  for (const [name, accumulatorName] of Object.entries(aggregates)) {
    if (typeof accumulatorName !== "string")
      fail(`aggregates.${name}`, "expected an accumulator name", accumulatorName);
  }
  const expected = Object.fromEntries(config.aggregates.map((a) => [a.name, a.accumulator.name]));
  const describe = (names: Record<string, unknown>): string =>
    Object.entries(names)
      .map(([name, acc]) => `${name}: ${acc as string}`)
      .sort()
      .join(", ");
  if (describe(aggregates) !== describe(expected)) {
    fail("aggregates", `written with { ${describe(aggregates)} }, configured with { ${describe(expected)} }`);
  }
  for (const setting of ["maxOutOfOrderness", "allowedLateness", "emit"] as const) {
    if (root[setting] !== config[setting]) {
      fail(
        setting,
        `written with ${describeValue(root[setting])}, configured with ${describeValue(config[setting])}`,
      );
    }
  }
}

function parseWindow<R>(
  config: ResolvedWindowOperatorConfig<R>,
  item: unknown,
  path: string,
  watermark: number | null,
): OpenWindow {
  const w = record(item, path);
  if (typeof w.key !== "string") fail(`${path}.key`, "expected a string", w.key);
  const start = finite(w.start, `${path}.start`);
  const end = finite(w.end, `${path}.end`);
  checkBounds(config.window, start, end, path);
  const revision = w.revision;
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) {
    fail(`${path}.revision`, "expected an integer >= 0", revision);
  }
  if (typeof w.fired !== "boolean") fail(`${path}.fired`, "expected a boolean", w.fired);
  if (w.fired && (watermark === null || end > watermark)) {
    fail(`${path}.fired`, "a window can only have fired once the watermark reached its end", w.fired);
  }
  if (typeof w.emitted !== "boolean") fail(`${path}.emitted`, "expected a boolean", w.emitted);
  const replaces = list(w.replaces, `${path}.replaces`).map((b, i): WindowBounds => {
    const bounds = record(b, `${path}.replaces[${i}]`);
    const bStart = finite(bounds.start, `${path}.replaces[${i}].start`);
    const bEnd = finite(bounds.end, `${path}.replaces[${i}].end`);
    if (!(bStart < bEnd)) fail(`${path}.replaces[${i}]`, "expected start < end", b);
    return { start: bStart, end: bEnd };
  });
  if (config.window.kind !== "session" && replaces.length > 0) {
    fail(`${path}.replaces`, "only session windows replace earlier bounds", w.replaces);
  }
  const states = record(w.states, `${path}.states`);
  const names = new Set(config.aggregates.map((a) => a.name));
  for (const name of Object.keys(states)) {
    if (!names.has(name)) fail(`${path}.states.${name}`, "not an aggregate of this operator", states[name]);
  }
  const copied: Record<string, JsonValue> = {};
  for (const { name, accumulator } of config.aggregates) {
    if (!Object.hasOwn(states, name) || !accumulator.isState(states[name])) {
      fail(`${path}.states.${name}`, `not a valid ${accumulator.name} state`, states[name]);
    }
    copied[name] = structuredClone(states[name]) as JsonValue;
  }
  return {
    key: w.key,
    start,
    end,
    states: copied,
    revision: revision as number,
    fired: w.fired,
    emitted: w.emitted,
    replaces,
  };
}

function checkBounds(spec: WindowSpec, start: number, end: number, path: string): void {
  if (spec.kind === "session") {
    if (!(end - start >= spec.gap))
      fail(path, `a session lasts at least its gap (${spec.gap} ms)`, { start, end });
    return;
  }
  const advance = spec.kind === "tumbling" ? spec.size : spec.advance;
  if (!Number.isSafeInteger(start) || start % advance !== 0 || end !== start + spec.size) {
    fail(path, `not a window of ${describeWindowSpec(spec)}`, { start, end });
  }
}

function checkSessionsDisjoint(windows: Map<string, Map<number, OpenWindow>>): void {
  for (const [key, keyWindows] of windows) {
    const sorted = [...keyWindows.values()].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i - 1] as OpenWindow).end > (sorted[i] as OpenWindow).start) {
        fail("windows", `sessions of key ${JSON.stringify(key)} overlap`, sorted[i]?.start);
      }
    }
  }
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(path, "expected an object", value);
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, "expected an array", value);
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path, "expected a finite number", value);
  return value;
}

function finiteOrNull(value: unknown, path: string): number | null {
  return value === null ? null : finite(value, path);
}

function fail(path: string, problem: string, ...got: [] | [unknown]): never {
  throw new WindowStateError(path, got.length > 0 ? `${problem}, got ${describeValue(got[0])}` : problem);
}
