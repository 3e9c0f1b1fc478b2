import type { RawTableName } from "@pinpipe/analytics";
import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import { type EncodedRowGroup, encodeRowGroup } from "@pinpipe/parquet";
import { CLEAN_TABLE_PARQUET_COLUMNS } from "./cleanTableParquetColumns";
import { partitionRows } from "./tablePartitioning";

/**
 * Rows of one table gathered for one row group per partition: the unit of encoding work. It owns
 * its buffers (nothing else refers to them), so it can be transferred to a worker thread.
 *
 * @example
 * const flush = writer.take(batch, keep); // null until enough rows are gathered
 */
export interface TableFlush {
  readonly batch: CleanRowBatch;
  /** `keep[row] === 1` for rows to write; null: all. */
  readonly keep: Uint8Array | null;
  readonly compression: "snappy" | "none";
}

/** One partition's row group of an {@link EncodedTableFlush}. */
export interface EncodedPartitionGroup {
  /** The partition folder, e.g. `category=art`. */
  readonly segment: string;
  readonly group: EncodedRowGroup;
}

/**
 * A {@link TableFlush} encoded: one row group per partition, partitions in folder order.
 *
 * @example
 * const encoded: EncodedTableFlush = encodeTableFlush(flush);
 */
export interface EncodedTableFlush {
  readonly table: RawTableName;
  readonly groups: readonly EncodedPartitionGroup[];
}

/**
 * Partitions a flush's rows (Hive folders) and encodes each partition's rows as one Parquet row
 * group. Pure: the same flush gives the same bytes on any thread, so jobs may encode flushes in
 * parallel and append them in order.
 *
 * @example
 * const { groups } = encodeTableFlush({ batch, keep: null, compression: "snappy" });
 * groups.map((g) => g.segment); // ["category=art", "category=travel"]
 */
export function encodeTableFlush(flush: TableFlush): EncodedTableFlush {
  const { batch, keep, compression } = flush;
  const { segments, rows } = partitionRows(batch, keep);
  const columns = CLEAN_TABLE_PARQUET_COLUMNS[batch.table];
  return {
    table: batch.table,
    groups: segments.map((segment, i) => ({
      segment,
      group: encodeRowGroup(columns, batch.columns, batch.length, rows[i]!, { compression }),
    })),
  };
}

/**
 * The buffers of a flush, to transfer it to another thread with `postMessage`.
 *
 * @example
 * worker.postMessage({ type: "encode", flush }, tableFlushTransferList(flush));
 */
export function tableFlushTransferList(flush: TableFlush): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of flush.batch.columns) {
    if (column.kind === "numbers") buffers.add(column.values.buffer as ArrayBuffer);
    else if (column.kind === "pairs") {
      buffers.add(column.first.buffer as ArrayBuffer);
      buffers.add(column.second.buffer as ArrayBuffer);
    } else {
      buffers.add(column.offsets.buffer as ArrayBuffer);
      buffers.add(column.bytes.buffer as ArrayBuffer);
      buffers.add(column.valid.buffer as ArrayBuffer);
    }
  }
  if (flush.keep !== null) buffers.add(flush.keep.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * The buffers of an encoded flush, to transfer it back with `postMessage`.
 *
 * @example
 * parentPort.postMessage({ type: "encoded", encoded }, encodedTableFlushTransferList(encoded));
 */
export function encodedTableFlushTransferList(encoded: EncodedTableFlush): ArrayBuffer[] {
  return encoded.groups.map(({ group }) => group.bytes.buffer as ArrayBuffer);
}
