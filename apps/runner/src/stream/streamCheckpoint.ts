import { CountsTally, emptyTableCounts, type TableCounts, type TableName } from "@pinpipe/clean";
import { type KinesisCheckpoint, parseKinesisCheckpoint } from "@pinpipe/ingest";

/**
 * Format tag of stream checkpoints.
 *
 * @example
 * STREAM_CHECKPOINT_FORMAT; // "pinpipe-stream-checkpoint/2" (2: totals in the one counts shape)
 */
export const STREAM_CHECKPOINT_FORMAT = "pinpipe-stream-checkpoint/2";

/**
 * Running totals of one stream over all runs (they survive restarts with the checkpoint): the one
 * counts shape of every job, plus the records a window could not count and the batches written.
 *
 * @example
 * const totals: StreamTotals = { ...emptyTableCounts(), late: 0, batches: 0 };
 */
export interface StreamTotals extends TableCounts {
  readonly late: number;
  readonly batches: number;
}

/**
 * Totals with nothing counted.
 *
 * @example
 * ZERO_TOTALS.in; // 0
 */
export const ZERO_TOTALS: StreamTotals = Object.freeze({ ...emptyTableCounts(), late: 0, batches: 0 });

/**
 * `totals` plus one batch's counts.
 *
 * @example
 * const next = addBatchCounts(ZERO_TOTALS, counts); // next.batches === 1
 */
export function addBatchCounts(
  totals: StreamTotals,
  batch: TableCounts & { readonly late: number },
): StreamTotals {
  const tally = new CountsTally();
  tally.add(totals);
  tally.add(batch);
  return { ...tally.counts(), late: totals.late + batch.late, batches: totals.batches + 1 };
}

/**
 * Where shards without progress start, fixed when the output's first run begins: `--from latest`
 * becomes "records that arrived after that moment", so a crash before the first checkpoint of a
 * shard cannot skip its records on restart.
 *
 * @example
 * const start: StreamStart = { type: "AT_TIMESTAMP", timestamp: "2026-11-23T10:00:00.000Z" };
 */
export type StreamStart =
  | { readonly type: "TRIM_HORIZON" }
  | { readonly type: "AT_TIMESTAMP"; readonly timestamp: string };

/**
 * The checkpoint of one stream (`stream/checkpoints/<stream>.json`), written after the data it
 * covers: the Kinesis position of every shard (per-shard progress; see `KinesisCheckpoint`), the
 * window operator state of every shard with open windows, and the totals so far.
 *
 * @example
 * const checkpoint: StreamCheckpoint = {
 *   format: STREAM_CHECKPOINT_FORMAT, stream: "pinpipe-pin", table: "pin", start: { type: "TRIM_HORIZON" },
 *   kinesis: { stream: "pinpipe-pin", shards: {} }, windows: {},
 *   totals: ZERO_TOTALS,
 * };
 */
export interface StreamCheckpoint {
  readonly format: typeof STREAM_CHECKPOINT_FORMAT;
  readonly stream: string;
  readonly table: TableName;
  readonly start: StreamStart;
  readonly kinesis: KinesisCheckpoint;
  /** Shard id → aggregate name → serialized window operator state. */
  readonly windows: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly totals: StreamTotals;
}

/**
 * Where a stream's checkpoint lives under the output root.
 *
 * @example
 * streamCheckpointPath("pinpipe-pin"); // "stream/checkpoints/pinpipe-pin.json"
 */
export function streamCheckpointPath(stream: string): string {
  return `stream/checkpoints/${stream}.json`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseStart(value: unknown): StreamStart {
  if (isObject(value) && value.type === "TRIM_HORIZON") return { type: "TRIM_HORIZON" };
  if (
    isObject(value) &&
    value.type === "AT_TIMESTAMP" &&
    typeof value.timestamp === "string" &&
    !Number.isNaN(Date.parse(value.timestamp))
  ) {
    return { type: "AT_TIMESTAMP", timestamp: value.timestamp };
  }
  throw new RangeError("start must be TRIM_HORIZON or AT_TIMESTAMP with an ISO timestamp");
}

/**
 * Reads stored totals, checking that they reconcile (`in = clean + rejected + duplicates`, reasons
 * summing to `rejected`); shared by the Kinesis and Kafka checkpoints.
 *
 * @throws {RangeError} naming the part that is wrong.
 * @example
 * parseStreamTotals(JSON.parse(text).totals).in;
 */
export function parseStreamTotals(value: unknown): StreamTotals {
  if (!isObject(value)) throw new RangeError("totals must be an object");
  const count = (name: string): number => {
    const n = value[name];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`totals.${name} must be a non-negative integer`);
    }
    return n;
  };
  const counts = (name: string): Record<string, number> => {
    const map = value[name];
    if (!isObject(map)) throw new RangeError(`totals.${name} must be an object`);
    for (const [key, n] of Object.entries(map)) {
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`totals.${name}.${key} must be a non-negative integer`);
      }
    }
    return map as Record<string, number>;
  };
  const tally = new CountsTally();
  tally.add({
    in: count("in"),
    clean: count("clean"),
    rejected: count("rejected"),
    duplicates: count("duplicates"),
    byReason: counts("byReason") as TableCounts["byReason"],
    byRule: counts("byRule"),
    byField: counts("byField"),
  });
  const totals = tally.counts();
  if (totals.in !== count("in") || totals.rejected !== count("rejected")) {
    throw new RangeError(
      "totals do not reconcile: in must be clean + rejected + duplicates, byReason sum to rejected",
    );
  }
  return { ...totals, late: count("late"), batches: count("batches") };
}

/**
 * Reads a stream checkpoint file, checking every part, since it comes from storage that may be
 * stale, truncated or hand-edited; window states are checked when restored.
 *
 * @throws {RangeError} saying which part is wrong (`where` names the file).
 * @example
 * parseStreamCheckpoint(text, "pinpipe-pin", "pin", "stream/checkpoints/pinpipe-pin.json");
 */
export function parseStreamCheckpoint(
  text: string,
  stream: string,
  table: TableName,
  where: string,
): StreamCheckpoint {
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RangeError("not JSON");
    }
    if (!isObject(value)) throw new RangeError("not a JSON object");
    if (value.format !== STREAM_CHECKPOINT_FORMAT) {
      throw new RangeError(`format is not ${STREAM_CHECKPOINT_FORMAT}`);
    }
    if (value.stream !== stream) throw new RangeError(`it is the checkpoint of ${String(value.stream)}`);
    if (value.table !== table) throw new RangeError(`its table is ${String(value.table)}, not ${table}`);
    const kinesis = parseKinesisCheckpoint(value.kinesis);
    if (kinesis.stream !== stream) throw new RangeError(`kinesis.stream is ${kinesis.stream}`);
    if (!isObject(value.windows) || !Object.values(value.windows).every(isObject)) {
      throw new RangeError("windows must map shard ids to objects");
    }
    return {
      format: STREAM_CHECKPOINT_FORMAT,
      stream,
      table,
      start: parseStart(value.start),
      kinesis,
      windows: value.windows as StreamCheckpoint["windows"],
      totals: parseStreamTotals(value.totals),
    };
  } catch (error) {
    throw new RangeError(`checkpoint ${where} is invalid: ${(error as Error).message}`);
  }
}
