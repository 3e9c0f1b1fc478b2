import { type CleanRecordOf, cleanerFor, type TableName } from "@pinpipe/clean";
import type { KinesisSourceItem } from "@pinpipe/ingest";
import { cleanTableToParquet } from "../parquet/index";
import { type BatchObjectName, batchObjectPath } from "./batchObjectName";
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
 * What one micro-batch held.
 *
 * @example
 * const counts: BatchCounts = { records: 10, clean: 9, rejected: 1, late: 0 };
 */
export interface BatchCounts {
  readonly records: number;
  readonly clean: number;
  readonly rejected: number;
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
  readonly items: readonly KinesisSourceItem[];
  /** The shard's window operators of the table's aggregates; they are advanced by the batch. */
  readonly aggregates: readonly {
    readonly aggregate: StreamAggregate;
    readonly operator: PostsWindowOperator;
  }[];
}

function positionOf(item: KinesisSourceItem): BatchObjectName["first"] {
  return item.subSequenceNumber === undefined
    ? { sequenceNumber: item.sequenceNumber }
    : { sequenceNumber: item.sequenceNumber, subSequenceNumber: item.subSequenceNumber };
}

function sourcePosition(item: KinesisSourceItem): Record<string, unknown> {
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
 * Cleans a micro-batch of one shard and encodes its files, named after the shard and the batch's
 * first and last positions (see `batchObjectPath`):
 *
 * - `stream/tables/<table>/shard=<id>/<first>_<last>.parquet`: the clean records, in sequence order
 *   (absent when none is clean);
 * - `stream/rejected/<table>/shard=<id>/<first>_<last>.ndjson`: one line per rejected record,
 *   `{"position": {...}, "raw": <record>, "issues": [{field, value, rule}]}` (a record whose data is
 *   not a JSON object, or is over the record limit, has `raw` null and the rule `undecodable`, the
 *   reason as its value);
 * - `stream/aggregates/<name>/shard=<id>/<first>_<last>.ndjson`: the last revision of every window
 *   the batch changed, `{"key", "windowStart", "windowEnd", "revision", "final", "posts"}`, times as
 *   ISO strings; a window's count is this shard's share (sum the shards' latest revisions).
 *
 * Pure apart from advancing the operators, so the same records give the same files.
 *
 * @throws {RangeError} when the batch is empty.
 * @example
 * const { files, counts } = encodeShardBatch({ table: "geo", shardId, items, aggregates });
 * for (const file of files) await sink.put(file.path, file.body);
 */
export function encodeShardBatch(batch: ShardBatch): { files: BatchFile[]; counts: BatchCounts } {
  const { table, shardId, items } = batch;
  const firstItem = items[0];
  const lastItem = items[items.length - 1];
  if (firstItem === undefined || lastItem === undefined) throw new RangeError("a batch needs records");
  const name: BatchObjectName = { shardId, first: positionOf(firstItem), last: positionOf(lastItem) };
  const clean = cleanerFor(table);
  const rows: CleanRecordOf<TableName>[] = [];
  const arrivals: number[] = [];
  const rejectedLines: string[] = [];
  for (const item of items) {
    if ("error" in item) {
      const issues = [{ field: "$", value: item.error, rule: "undecodable" }];
      rejectedLines.push(JSON.stringify({ position: sourcePosition(item), raw: null, issues }));
      continue;
    }
    const result = clean(item.record);
    if (result.ok) {
      rows.push(result.value);
      arrivals.push(item.arrivalTime?.getTime() ?? Number.NaN);
    } else {
      rejectedLines.push(
        JSON.stringify({ position: sourcePosition(item), raw: item.record, issues: result.issues }),
      );
    }
  }

  const files: BatchFile[] = [];
  if (rows.length > 0) {
    files.push({
      path: batchObjectPath(`stream/tables/${table}`, name, "parquet"),
      body: cleanTableToParquet(table, rows),
    });
  }
  if (rejectedLines.length > 0) {
    files.push({
      path: batchObjectPath(`stream/rejected/${table}`, name, "ndjson"),
      body: `${rejectedLines.join("\n")}\n`,
    });
  }
  let late = 0;
  for (const { aggregate, operator } of batch.aggregates) {
    // Later revisions of a window replace earlier ones within the batch.
    const latest = new Map<string, ReturnType<PostsWindowOperator["push"]>["results"][number]>();
    rows.forEach((row, index) => {
      const output = operator.push({ key: aggregate.keyOf(row), time: arrivals[index]! });
      late += output.late.length;
      for (const result of output.results) latest.set(`${result.windowStart}\u0000${result.key}`, result);
    });
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
  return {
    files,
    counts: { records: items.length, clean: rows.length, rejected: rejectedLines.length, late },
  };
}
