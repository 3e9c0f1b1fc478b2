import type { Accumulator } from "./accumulators/accumulator";
import type { AggregateSpecs } from "./aggregateSpecs";
import { describeValue } from "./describeValue";
import { requireNonNegativeMilliseconds } from "./requireDuration";
import { parseWindowSpec, type WindowSpec } from "./windowSpec";

/**
 * When window results are emitted:
 * - `"close"`: once when the watermark passes the window end, then once per allowed-late update,
 *   then a final emission when the window is purged at end + `allowedLateness` (with
 *   `allowedLateness` 0 the first emission is the final one);
 * - `"update"`: after every record added to the window, then a final emission when it is purged.
 *
 * @example
 * const mode: EmitMode = "close";
 */
export type EmitMode = "close" | "update";

/**
 * Configuration of a window operator over records of type `R`.
 *
 * - `window`: `tumbling(size)`, `hopping(size, advance)` or `session(gap)`.
 * - `key`: groups records; windows are per key.
 * - `eventTime`: epoch milliseconds of a record.
 * - `value`: what plain accumulators in `aggregate` are fed (default: the record itself).
 * - `aggregate`: named accumulators, see {@link AggregateSpecs}.
 * - `maxOutOfOrderness` (default 0): the watermark trails the largest event time seen by this much.
 * - `allowedLateness` (default 0): how long after the watermark passes a window's end the window
 *   still accepts records (each one emits a new revision).
 * - `emit` (default `"close"`): see {@link EmitMode}.
 *
 * @example
 * const config: WindowOperatorConfig<Pin, { posts: Accumulator<number, number> }> = {
 *   window: tumbling(60_000),
 *   key: (pin) => pin.category,
 *   eventTime: (pin) => pin.timestampMs,
 *   aggregate: { posts: count() },
 *   maxOutOfOrderness: 5_000,
 * };
 */
export interface WindowOperatorConfig<R, A extends AggregateSpecs<R>> {
  readonly window: WindowSpec;
  readonly key: (record: R) => string;
  readonly eventTime: (record: R) => number;
  readonly value?: (record: R) => unknown;
  readonly aggregate: A;
  readonly maxOutOfOrderness?: number;
  readonly allowedLateness?: number;
  readonly emit?: EmitMode;
}

/**
 * One aggregate after resolution: its name, accumulator and value selector.
 *
 * @example
 * const posts: ResolvedAggregate<Pin> = { name: "posts", accumulator: count(), value: (pin) => pin };
 */
export interface ResolvedAggregate<R> {
  readonly name: string;
  readonly accumulator: Accumulator;
  readonly value: (record: R) => unknown;
}

/**
 * A checked configuration with every default filled in.
 *
 * @example
 * resolveWindowOperatorConfig(config).allowedLateness; // 0 when not set
 */
export interface ResolvedWindowOperatorConfig<R> {
  readonly window: WindowSpec;
  readonly key: (record: R) => string;
  readonly eventTime: (record: R) => number;
  readonly aggregates: readonly ResolvedAggregate<R>[];
  readonly maxOutOfOrderness: number;
  readonly allowedLateness: number;
  readonly emit: EmitMode;
}

/**
 * Checks a configuration and fills in its defaults.
 *
 * @throws TypeError or RangeError naming the bad setting.
 * @example
 * resolveWindowOperatorConfig({ window: tumbling(1_000), key: () => "k", eventTime: (r: number) => r,
 *   aggregate: { n: count() } }).emit; // "close"
 */
export function resolveWindowOperatorConfig<R>(
  config: WindowOperatorConfig<R, AggregateSpecs<R>>,
): ResolvedWindowOperatorConfig<R> {
  if (typeof config !== "object" || config === null)
    throw new TypeError("window operator config must be an object");
  const window = parseWindowSpec(config.window);
  if (typeof config.key !== "function")
    throw new TypeError("config.key must be a function (record) => string");
  if (typeof config.eventTime !== "function") {
    throw new TypeError("config.eventTime must be a function (record) => epoch milliseconds");
  }
  if (config.value !== undefined && typeof config.value !== "function") {
    throw new TypeError("config.value must be a function (record) => value when given");
  }
  const defaultValue = config.value ?? ((record: R) => record);
  const emit = config.emit ?? "close";
  if (emit !== "close" && emit !== "update") {
    throw new TypeError(`config.emit must be "close" or "update", got ${describeValue(emit)}`);
  }
  return {
    window,
    key: config.key,
    eventTime: config.eventTime,
    aggregates: resolveAggregates(config.aggregate, defaultValue),
    maxOutOfOrderness: requireNonNegativeMilliseconds("maxOutOfOrderness", config.maxOutOfOrderness ?? 0),
    allowedLateness: requireNonNegativeMilliseconds("allowedLateness", config.allowedLateness ?? 0),
    emit,
  };
}

function resolveAggregates<R>(
  specs: AggregateSpecs<R>,
  defaultValue: (record: R) => unknown,
): ResolvedAggregate<R>[] {
  if (typeof specs !== "object" || specs === null || Object.keys(specs).length === 0) {
    throw new TypeError("config.aggregate must name at least one accumulator, e.g. { posts: count() }");
  }
  return Object.entries(specs).map(([name, spec]) => {
    const over = typeof spec === "object" && spec !== null && "accumulator" in spec ? spec : undefined;
    const accumulator = over ? over.accumulator : (spec as Accumulator);
    if (!isAccumulator(accumulator)) {
      throw new TypeError(
        `config.aggregate.${name} is not an accumulator (needs name, init, add, merge, result, isState)`,
      );
    }
    if (over && typeof over.value !== "function") {
      throw new TypeError(`config.aggregate.${name}.value must be a function (record) => value`);
    }
    return { name, accumulator, value: over ? over.value : defaultValue };
  });
}

function isAccumulator(value: unknown): value is Accumulator {
  if (typeof value !== "object" || value === null) return false;
  const acc = value as Record<string, unknown>;
  return (
    typeof acc.name === "string" &&
    ["init", "add", "merge", "result", "isState"].every((method) => typeof acc[method] === "function")
  );
}
