import type { RawTableName } from "@pinpipe/analytics";
import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import { type ColumnStatistics, ParquetFileWriter } from "@pinpipe/parquet";
import { CLEAN_TABLE_PARQUET_COLUMNS, PARQUET_CREATED_BY } from "./cleanTableParquetColumns";
import { concatCleanRowBatches } from "./concatCleanRowBatches";
import { type EncodedTableFlush, encodeTableFlush, type TableFlush } from "./tableFlush";

/** Sizes that shape a {@link PartitionedTableWriter}'s files. */
export interface PartitionedTableWriterOptions {
  /** Rows are gathered until their columns hold this many bytes, then written as one row group per partition (default 16 MiB). */
  readonly rowGroupBytes?: number;
  /** Encoded bytes held in unfinished files before the largest is finished (default 32 MiB). */
  readonly maxHeldBytes?: number;
  /** A file reaching this many bytes is finished and the partition's next rows start a new one (default 128 MiB). */
  readonly maxFileBytes?: number;
  readonly compression?: "snappy" | "none";
}

/** A finished Parquet file of one partition, ready to store. */
export interface TableFile {
  /** `<segment>/part-<n>.parquet`, relative to the table's folder. */
  readonly path: string;
  /** The partition folder, e.g. `category=art`. */
  readonly segment: string;
  readonly bytes: Uint8Array;
  readonly rows: number;
  /** Per column, in schema order (for table formats that keep file statistics). */
  readonly statistics: readonly ColumnStatistics[];
}

interface OpenFile {
  readonly segment: string;
  readonly writer: ParquetFileWriter;
  readonly chunks: Uint8Array[];
  held: number;
}

function batchBytes(batch: CleanRowBatch): number {
  let bytes = 0;
  for (const column of batch.columns) {
    if (column.kind === "numbers") bytes += column.values.byteLength;
    else if (column.kind === "pairs") bytes += column.first.byteLength * 2;
    else bytes += column.bytes.byteLength + column.offsets.byteLength + column.valid.byteLength;
  }
  return bytes;
}

function concatMasks(masks: readonly (Uint8Array | null)[], lengths: readonly number[]): Uint8Array | null {
  if (masks.every((mask) => mask === null)) return null;
  const out = new Uint8Array(lengths.reduce((sum, n) => sum + n, 0));
  let at = 0;
  masks.forEach((mask, i) => {
    if (mask === null) out.fill(1, at, at + lengths[i]!);
    else out.set(mask, at);
    at += lengths[i]!;
  });
  return out;
}

function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Writes one clean table as Hive-partitioned Parquet, streaming: rows arrive in batches (each with
 * the mask of rows deduplication kept), gather until they are worth a row group, and are then
 * written as one row group per partition into that partition's open file. Memory stays bounded:
 * when the open files hold more than `maxHeldBytes`, the largest is finished and handed out, and a
 * file past `maxFileBytes` is finished too, so a partition may get several files
 * (`part-00000.parquet`, `part-00001.parquet`, …). Every choice depends only on the rows and their
 * order, so the same rows always give the same files, byte for byte.
 *
 * `add` and `finish` do everything on the calling thread. To encode elsewhere, split each step:
 * `take` gathers rows and hands out a {@link TableFlush} when a row group is due, any thread runs
 * `encodeTableFlush` on it, and `apply` places the results in the order the flushes were taken;
 * `takeRest` and `closeAll` end the table.
 *
 * @example
 * const writer = new PartitionedTableWriter("geo");
 * for (const [batch, kept] of batches) for (const file of writer.add(batch, kept)) await store(file);
 * for (const file of writer.finish()) await store(file);
 */
export class PartitionedTableWriter {
  private readonly rowGroupBytes: number;
  private readonly maxHeldBytes: number;
  private readonly maxFileBytes: number;
  private readonly compression: "snappy" | "none";
  private pending: CleanRowBatch[] = [];
  private pendingMasks: (Uint8Array | null)[] = [];
  private pendingBytes = 0;
  private readonly open = new Map<string, OpenFile>();
  private readonly fileCount = new Map<string, number>();
  private held = 0;
  private written = 0;

  constructor(
    readonly table: RawTableName,
    options: PartitionedTableWriterOptions = {},
  ) {
    this.rowGroupBytes = options.rowGroupBytes ?? 16 * 1024 * 1024;
    this.maxHeldBytes = options.maxHeldBytes ?? 32 * 1024 * 1024;
    this.maxFileBytes = options.maxFileBytes ?? 128 * 1024 * 1024;
    this.compression = options.compression ?? "snappy";
  }

  /** Rows written to files so far (finished or not). */
  get rows(): number {
    return this.written;
  }

  /**
   * Adds a batch's rows (`keep[row] === 1`, or all with `keep` null); returns the files this
   * finished, if any.
   *
   * @throws {RangeError} for a batch of another table or a mask of another length.
   */
  add(batch: CleanRowBatch, keep: Uint8Array | null): TableFile[] {
    const flush = this.take(batch, keep);
    return flush === null ? [] : this.apply(encodeTableFlush(flush));
  }

  /** Writes what is pending and finishes every open file, in folder order. */
  finish(): TableFile[] {
    const rest = this.takeRest();
    const files = rest === null ? [] : this.apply(encodeTableFlush(rest));
    files.push(...this.closeAll());
    return files;
  }

  /**
   * Gathers a batch's rows (`keep[row] === 1`, or all with `keep` null); once they are worth a
   * row group, returns them as a flush to encode (it owns its buffers), else null.
   *
   * @throws {RangeError} for a batch of another table or a mask of another length.
   */
  take(batch: CleanRowBatch, keep: Uint8Array | null): TableFlush | null {
    if (batch.table !== this.table)
      throw new RangeError(`a ${batch.table} batch given to the ${this.table} table`);
    if (keep !== null && keep.length !== batch.length) {
      throw new RangeError(`a mask of ${keep.length} rows for a batch of ${batch.length}`);
    }
    if (batch.length === 0) return null;
    this.pending.push(batch);
    this.pendingMasks.push(keep);
    this.pendingBytes += batchBytes(batch);
    return this.pendingBytes >= this.rowGroupBytes ? this.takeRest() : null;
  }

  /** The rows gathered so far as a flush (null when there are none). */
  takeRest(): TableFlush | null {
    if (this.pending.length === 0) return null;
    const batch = concatCleanRowBatches(this.pending, { copy: true });
    const keep = concatMasks(
      this.pendingMasks,
      this.pending.map((part) => part.length),
    );
    this.pending = [];
    this.pendingMasks = [];
    this.pendingBytes = 0;
    return { batch, keep, compression: this.compression };
  }

  /**
   * Appends an encoded flush's row groups to their partitions' files; returns the files this
   * finished. Flushes must be applied in the order they were taken.
   *
   * @throws {RangeError} for a flush of another table.
   */
  apply(encoded: EncodedTableFlush): TableFile[] {
    if (encoded.table !== this.table)
      throw new RangeError(`a ${encoded.table} flush given to the ${this.table} table`);
    const finished: TableFile[] = [];
    for (const { segment, group } of encoded.groups) {
      const file = this.fileOf(segment);
      const chunk = file.writer.appendRowGroup(group);
      file.chunks.push(chunk);
      file.held += chunk.length;
      this.held += chunk.length;
      this.written += group.numRows;
      if (file.writer.bytes >= this.maxFileBytes) finished.push(this.close(segment));
    }
    while (this.held > this.maxHeldBytes) finished.push(this.close(this.largestOpen()));
    return finished;
  }

  /** Finishes every open file, in folder order (after the last flush is applied). */
  closeAll(): TableFile[] {
    return [...this.open.keys()].sort().map((segment) => this.close(segment));
  }
  private fileOf(segment: string): OpenFile {
    let file = this.open.get(segment);
    if (file === undefined) {
      file = {
        segment,
        writer: new ParquetFileWriter(CLEAN_TABLE_PARQUET_COLUMNS[this.table], {
          createdBy: PARQUET_CREATED_BY,
          compression: this.compression,
        }),
        chunks: [],
        held: 0,
      };
      this.open.set(segment, file);
    }
    return file;
  }

  /** The open file holding the most bytes (the first by folder name among equals). */
  private largestOpen(): string {
    let largest = "";
    let bytes = -1;
    for (const segment of [...this.open.keys()].sort()) {
      const held = this.open.get(segment)!.held;
      if (held > bytes) {
        largest = segment;
        bytes = held;
      }
    }
    return largest;
  }

  private close(segment: string): TableFile {
    const file = this.open.get(segment)!;
    this.open.delete(segment);
    this.held -= file.held;
    file.chunks.push(file.writer.finish());
    const n = this.fileCount.get(segment) ?? 0;
    this.fileCount.set(segment, n + 1);
    return {
      path: `${segment}/part-${String(n).padStart(5, "0")}.parquet`,
      segment,
      bytes: joinChunks(file.chunks),
      rows: file.writer.rows,
      statistics: file.writer.statistics(),
    };
  }
}
