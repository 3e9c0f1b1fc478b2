import type { ColumnarPartial } from "@pinpipe/analytics/columnar";
import {
  accumulators,
  createWindowOperator,
  restoreWindowOperator,
  tumbling,
  type WindowOperator,
  type WindowOperatorConfig,
} from "@pinpipe/analytics/windows";
import type { TableName } from "@pinpipe/clean";

/**
 * What a window operator of the stream job counts: one clean record, reduced to its group key and
 * the time it arrived in Kinesis (epoch milliseconds).
 *
 * @example
 * const observation: WindowObservation = { key: "art", time: 1_700_000_000_000 };
 */
export interface WindowObservation {
  readonly key: string;
  readonly time: number;
}

/**
 * One windowed aggregate of the stream job: posts per key per minute over one table.
 *
 * @example
 * const aggregate = STREAM_AGGREGATES.find((a) => a.table === "pin");
 */
export interface StreamAggregate {
  /** Folder name under `stream/aggregates/`. */
  readonly name: string;
  readonly table: TableName;
  /** The output column the key goes in (`category`, `country`). */
  readonly keyColumn: string;
  /**
   * The group key of clean row `row` of a partial built by one builder (so its dictionary ids are
   * those of `partial.strings`); {@link UNKNOWN_KEY} when it has none.
   */
  keyOf(partial: ColumnarPartial, row: number): string;
}

/**
 * The key a record without a value for the grouping column is counted under.
 *
 * @example
 * UNKNOWN_KEY; // "(unknown)"
 */
export const UNKNOWN_KEY = "(unknown)";

/** Tumbling one-minute windows aligned to the epoch. */
export const WINDOW_MS = 60_000;

/**
 * Kinesis arrival times within a shard follow its sequence numbers only approximately; this much
 * disorder is absorbed before a record counts as late.
 */
const MAX_OUT_OF_ORDERNESS_MS = 1_000;

function dictionaryKey(partial: ColumnarPartial, id: number): string {
  return id < 0 ? UNKNOWN_KEY : (partial.strings[id] ?? UNKNOWN_KEY);
}

/**
 * The aggregates the stream job keeps, both on tumbling one-minute windows of **arrival time**
 * (Kinesis ApproximateArrivalTimestamp): pins per category per minute, and posts per country per
 * minute (from geo records). Arrival time, not the geo `timestamp`: the emulator replays historical
 * rows in random order, so geo timestamps jump across five years and nearly every record would be
 * late under an event-time watermark; pins carry no time at all. Arrival time is stored with each
 * Kinesis record, so a replay assigns the same windows.
 *
 * @example
 * STREAM_AGGREGATES.map((a) => a.name); // ["pins_per_category_per_minute", "posts_per_country_per_minute"]
 */
export const STREAM_AGGREGATES: readonly StreamAggregate[] = Object.freeze([
  {
    name: "pins_per_category_per_minute",
    table: "pin",
    keyColumn: "category",
    keyOf: (partial: ColumnarPartial, row: number) => dictionaryKey(partial, partial.pin.category[row]!),
  },
  {
    name: "posts_per_country_per_minute",
    table: "geo",
    keyColumn: "country",
    keyOf: (partial: ColumnarPartial, row: number) => dictionaryKey(partial, partial.geo.country[row]!),
  },
]);

const CONFIG: WindowOperatorConfig<WindowObservation, { posts: ReturnType<typeof accumulators.count> }> = {
  window: tumbling(WINDOW_MS),
  key: (observation) => observation.key,
  eventTime: (observation) => observation.time,
  aggregate: { posts: accumulators.count() },
  maxOutOfOrderness: MAX_OUT_OF_ORDERNESS_MS,
  // Every batch updates the windows it touched, so counts are visible without waiting for a
  // later record to close the window; the batch keeps only the last revision of each window.
  emit: "update",
};

/**
 * A posts-per-key window operator of one shard.
 *
 * @example
 * const operator: PostsWindowOperator = createPostsWindowOperator();
 */
export type PostsWindowOperator = WindowOperator<WindowObservation, { posts: number }>;

/**
 * A fresh operator for one shard and aggregate, or one resumed from its checkpointed state.
 *
 * @throws {WindowStateError} when `state` is not a checkpoint of this configuration.
 * @example
 * const operator = createPostsWindowOperator();
 * const resumed = createPostsWindowOperator(operator.serialize());
 */
export function createPostsWindowOperator(state?: unknown): PostsWindowOperator {
  return state === undefined ? createWindowOperator(CONFIG) : restoreWindowOperator(CONFIG, state);
}
