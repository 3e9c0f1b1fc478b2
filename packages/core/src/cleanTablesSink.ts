import { type AnalyticsTables, RAW_TABLE_NAMES, type RawTableName } from "@pinpipe/analytics";
import { ColumnarMerger, type ColumnarPartial, type RejectedLine } from "@pinpipe/analytics/columnar";
import type { CountsByTable } from "@pinpipe/clean";
import {
  PartitionedTableWriter,
  type PartitionedTableWriterOptions,
  type TableFile,
} from "./partitionedTableWriter";
import { type RecordPosition, rejectedRecordLine } from "./rejectedRecordLine";
import { type EncodedTableFlush, encodeTableFlush, type TableFlush } from "./tableFlush";

/** A file a job stores, relative to its run folder. */
export interface OutputFile {
  /** `tables/<table>/<segment>/part-<n>.parquet` or `rejected/<table>.ndjson`. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Rows of a Parquet file, lines of a rejected-records file. */
  readonly rows: number;
}

/**
 * Encodes a flush elsewhere (a worker thread), or returns undefined to have it encoded on the
 * calling thread (when every worker is busy, say).
 *
 * @example
 * const encode: FlushEncoder = (flush) => pool.encode(flush);
 */
export type FlushEncoder = (flush: TableFlush) => Promise<EncodedTableFlush> | undefined;

/** Options of a {@link CleanTablesSink}. */
export interface CleanTablesSinkOptions {
  readonly dedupe: boolean;
  readonly files?: PartitionedTableWriterOptions;
  /** Called with each Parquet file as it is finished, in an order that depends on timing. */
  readonly onFile: (file: OutputFile) => void;
  /** Where row groups are encoded (default: on the calling thread). */
  readonly encode?: FlushEncoder;
}

/** What a {@link CleanTablesSink} leaves once every partial is in. */
export interface CleanTablesOutcome {
  /** The files not yet handed out: the last Parquet files and the rejected records of each table. */
  readonly files: readonly OutputFile[];
  /** The analytics columns of the kept rows, for the queries. */
  readonly tables: AnalyticsTables;
  /** Where every record went, per table. */
  readonly counts: CountsByTable;
}

const utf8 = new TextEncoder();

/**
 * The sink side of every job that writes clean tables: takes the partials of a read in order,
 * deduplicates them (when asked) with one merger, streams the kept whole rows into one
 * Hive-partitioned Parquet writer per table, and gathers the rejected records as NDJSON lines with
 * their exact bytes and positions. Row groups may be encoded on other threads (`encode`); they
 * are placed in the order their rows were read, so the files never depend on timing. Pure: the
 * caller stores the files it hands out.
 *
 * @example
 * const sink = new CleanTablesSink({ dedupe: false, onFile: (file) => store(file) });
 * for (const partial of partials) sink.add(0, partial, positionOf);
 * const { files, tables, counts } = await sink.finish();
 */
export class CleanTablesSink {
  private readonly merger: ColumnarMerger;
  private readonly writers: { readonly [T in RawTableName]: PartitionedTableWriter };
  private readonly rejected: { readonly [T in RawTableName]: string[] } = { pin: [], geo: [], user: [] };
  /** Per table, the flushes not yet applied, settling in order. */
  private readonly applied: { [T in RawTableName]: Promise<void> } = {
    pin: Promise.resolve(),
    geo: Promise.resolve(),
    user: Promise.resolve(),
  };
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly options: CleanTablesSinkOptions) {
    this.merger = new ColumnarMerger({ dedupe: options.dedupe });
    this.writers = {
      pin: new PartitionedTableWriter("pin", options.files),
      geo: new PartitionedTableWriter("geo", options.files),
      user: new PartitionedTableWriter("user", options.files),
    };
  }

  /**
   * Adds the next partial of the read, made by the builder numbered `source` (whose dictionary its
   * ids refer to). Partials must come in read order, so the output does not depend on timing;
   * `positionOf` says where each of its rejected lines was read.
   *
   * @throws {RangeError} for a partial built without whole rows; the error of an earlier failed
   * encoding.
   */
  add(
    source: number,
    partial: ColumnarPartial,
    positionOf: (rejected: RejectedLine) => RecordPosition,
  ): void {
    if (this.failure !== undefined) throw this.failure.error;
    if (partial.rows === null) throw new RangeError("a partial without whole rows cannot be written");
    const kept = this.merger.add(source, partial);
    for (const line of partial.rejected)
      this.rejected[line.table].push(rejectedRecordLine(positionOf(line), line));
    for (const table of RAW_TABLE_NAMES) {
      const flush = this.writers[table].take(partial.rows[table], kept[table]);
      if (flush !== null) this.enqueue(table, flush);
    }
  }

  /** Records read so far, per table (for progress lines). */
  recordsRead(): { readonly [T in RawTableName]: number } {
    const counts = this.merger.accounting();
    return { pin: counts.pin.in, geo: counts.geo.in, user: counts.user.in };
  }

  /**
   * Finishes the tables once every flush is encoded and applied: the files not yet handed to
   * `onFile` (the last Parquet files and the rejected records of each table), the analytics tables
   * and the counts.
   *
   * @throws the first error of an encoding.
   */
  async finish(): Promise<CleanTablesOutcome> {
    for (const table of RAW_TABLE_NAMES) {
      const rest = this.writers[table].takeRest();
      if (rest !== null) this.enqueue(table, rest);
    }
    await Promise.all(RAW_TABLE_NAMES.map((table) => this.applied[table]));
    if (this.failure !== undefined) throw this.failure.error;
    const files: OutputFile[] = [];
    for (const table of RAW_TABLE_NAMES) {
      for (const file of this.writers[table].closeAll()) files.push(tableFile(table, file));
      const lines = this.rejected[table];
      files.push({
        path: `rejected/${table}.ndjson`,
        bytes: utf8.encode(lines.join("")),
        rows: lines.length,
      });
    }
    return { files, tables: this.merger.tables(), counts: this.merger.accounting() };
  }

  private enqueue(table: RawTableName, flush: TableFlush): void {
    // Encoded here when no one else takes it: the result then waits only for earlier flushes.
    const encoding = this.options.encode?.(flush) ?? Promise.resolve(encodeTableFlush(flush));
    const writer = this.writers[table];
    this.applied[table] = Promise.all([this.applied[table], encoding])
      .then(([, encoded]) => {
        if (this.failure !== undefined) return;
        for (const file of writer.apply(encoded)) this.options.onFile(tableFile(table, file));
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }
}

function tableFile(table: RawTableName, file: TableFile): OutputFile {
  return { path: `tables/${table}/${file.path}`, bytes: file.bytes, rows: file.rows };
}
