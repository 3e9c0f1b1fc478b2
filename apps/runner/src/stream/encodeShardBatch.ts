import { type CleanRowBatch, ColumnarBuilder } from "@pinpipe/analytics/columnar";
import type { CleanOptions, TableCounts, TableName } from "@pinpipe/clean";
import {
  CLEAN_TABLE_PARQUET_COLUMNS,
  PARQUET_CREATED_BY,
  type RecordPosition,
  rejectedRecordLine,
} from "@pinpipe/core";
import type { KinesisSourceItem } from "@pinpipe/ingest";
import { encodeParquetFile } from "@pinpipe/parquet";
import { type BatchObjectName, batchObjectPath } from "./batchObjectName";
import type { StreamItem } from "./filterLongRecords";
import type { PostsWindowOperator, StreamAggregate } from "./streamAggregates";

/**
 * One file of a micro-batch, path relative to the output root.
 *
 * @example
 * const file: BatchFile = { path: "stream/tables/pin/shard=shardId-000000000000/1_9.parquet", body: bytes };
 */
export interface BatchFile {
  readonly path: string;
  readonly body: Uint8Array | string;
}

/**
 * What one micro-batch held: the one counts shape of every job (`in = clean + rejected`; the
 * stream does not deduplicate), plus the records a window operator could not count.
 *
 * @example
 * const counts: BatchCounts = { ...tally.counts(), late: 0 };
 */
export interface BatchCounts extends TableCounts {
  /** Records a window operator could not count (arrived after their window closed, or no arrival time). */
  readonly late: number;
}

/**
 * The inputs of {@link encodeShardBatch}.
 *
 * @example
 * const batch: ShardBatch = { table: "pin", shardId: "shardId-000000000000", items, aggregates: [{ aggregate, operator }] };
 */
export interface ShardBatch {
  readonly table: TableName;
  readonly shardId: string;
  /** Consecutive records of the shard, in sequence order (at least one). */
  readonly items: readonly StreamItem[];
  /** The cleaning options (a clean config's placeholder lists). */
  readonly clean?: CleanOptions | undefined;
  /**
   * Whether the clean rows become `stream/tables/…` Parquet files (default true); false when they go
   * to a Delta table instead (the caller writes them from `rows`).
   */
  readonly cleanFile?: boolean;
  /** The shard's window operators of the table's aggregates; they are advanced by the batch. */
  readonly aggregates: readonly {
    readonly aggregate: StreamAggregate;
    readonly operator: PostsWindowOperator;
  }[];
}

const utf8 = new TextEncoder();

function positionOf(item: KinesisSourceItem): BatchObjectName["first"] {
  return item.subSequenceNumber === undefined
    ? { sequenceNumber: item.sequenceNumber }
    : { sequenceNumber: item.sequenceNumber, subSequenceNumber: item.subSequenceNumber };
}

function sourcePosition(item: KinesisSourceItem): RecordPosition {
  return {
    stream: item.stream,
    shardId: item.shardId,
    sequenceNumber: item.sequenceNumber,
    ...(item.subSequenceNumber === undefined ? {} : { subSequenceNumber: item.subSequenceNumber }),
    partitionKey: item.partitionKey,
    arrivalTime: item.arrivalTime?.toISOString() ?? null,
  };
}

/**
 * Cleans a micro-batch of one shard on the job core (the same decoding, cleaning and counting as
 * analyze and batch: each user record's bytes are one record) and encodes its files, named after
 * the shard and the batch's first and last positions (see `batchObjectPath`):
 *
 * - `stream/tables/<table>/shard=<id>/<first>_<last>.parquet`: the clean records, in sequence order
 *   (absent when none is clean), with batch's columns;
 * - `stream/rejected/<table>/shard=<id>/<first>_<last>.ndjson`: one line per rejected record,
 *   `{"position": {...}, "reason", "raw", "rawEncoding", "issues"}` as batch writes them, `raw` the
 *   record's exact bytes (null for a record over the record limit, rejected unread as `too_long`);
 * - `stream/aggregates/<name>/shard=<id>/<first>_<last>.ndjson`: the last revision of every window
 *   the batch changed, `{"key", "windowStart", "windowEnd", "revision", "final", "posts"}`, times as
 *   ISO strings; a window's count is this shard's share (sum the shards' latest revisions).
 *
 * Pure apart from advancing the operators, so the same records give the same files. `rows` are
 * the clean rows, for a Delta table (`cleanFile: false` leaves out the Parquet file).
 *
 * @throws {RangeError} when the batch is empty.
 * @example
 * const { files, counts } = encodeShardBatch({ table: "geo", shardId, items, aggregates });
 * for (const file of files) await sink.put(file.path, file.body);
 */
export function encodeShardBatch(batch: ShardBatch): {
  files: BatchFile[];
  counts: BatchCounts;
  rows: CleanRowBatch;
} {
  const { table, shardId, items } = batch;
  const firstItem = items[0];
  const lastItem = items[items.length - 1];
  if (firstItem === undefined || lastItem === undefined) throw new RangeError("a batch needs records");
  const name: BatchObjectName = { shardId, first: positionOf(firstItem), last: positionOf(lastItem) };
  const builder = new ColumnarBuilder({
    dedupe: false,
    fullRows: true,
    keepRejected: true,
    clean: batch.clean,
  });
  items.forEach((item, index) => {
    builder.beginPiece(index);
    if (item.data !== undefined) builder.addRecord(table, item.data, 0, item.data.length);
    else if ("error" in item) {
      builder.addUnreadable(table, item.tooLong === true ? "too_long" : "invalid_json", item.error, null);
    } else {
      // A source that hands over parsed records only: their JSON text is the record.
      const bytes = utf8.encode(JSON.stringify(item.record));
      builder.addRecord(table, bytes, 0, bytes.length);
    }
  });
  const partial = builder.takePartial();
  const rows = partial.rows![table];
  const rejectedPieces = new Set(partial.rejected.map((rejected) => rejected.piece));

  const files: BatchFile[] = [];
  if (rows.length > 0 && batch.cleanFile !== false) {
    files.push({
      path: batchObjectPath(`stream/tables/${table}`, name, "parquet"),
      body: encodeParquetFile(
        CLEAN_TABLE_PARQUET_COLUMNS[table],
        { createdBy: PARQUET_CREATED_BY },
        rows.columns,
        rows.length,
      ),
    });
  }
  if (partial.rejected.length > 0) {
    files.push({
      path: batchObjectPath(`stream/rejected/${table}`, name, "ndjson"),
      body: partial.rejected
        .map((rejected) => rejectedRecordLine(sourcePosition(items[rejected.piece]!), rejected))
        .join(""),
    });
  }
  // Clean rows are the records not rejected, in order: their arrival times.
  const arrivals: number[] = [];
  items.forEach((item, index) => {
    if (!rejectedPieces.has(index)) arrivals.push(item.arrivalTime?.getTime() ?? Number.NaN);
  });
  let late = 0;
  for (const { aggregate, operator } of batch.aggregates) {
    // Later revisions of a window replace earlier ones within the batch.
    const latest = new Map<string, ReturnType<PostsWindowOperator["push"]>["results"][number]>();
    for (let row = 0; row < rows.length; row++) {
      const output = operator.push({ key: aggregate.keyOf(partial, row), time: arrivals[row]! });
      late += output.late.length;
      for (const result of output.results) latest.set(`${result.windowStart}\u0000${result.key}`, result);
    }
    if (latest.size === 0) continue;
    const lines = [...latest.values()].map((result) =>
      JSON.stringify({
        key: result.key,
        windowStart: new Date(result.windowStart).toISOString(),
        windowEnd: new Date(result.windowEnd).toISOString(),
        revision: result.revision,
        final: result.final,
        posts: result.value.posts,
      }),
    );
    files.push({
      path: batchObjectPath(`stream/aggregates/${aggregate.name}`, name, "ndjson"),
      body: `${lines.join("\n")}\n`,
    });
  }
  return { files, counts: { ...partial.accounting[table], late }, rows };
}
