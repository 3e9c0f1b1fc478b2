import { type AnalyticsTables, RAW_TABLE_NAMES, type RawTableName } from "@pinpipe/analytics";
import { ColumnarMerger, type ColumnarPartial, type RejectedLine } from "@pinpipe/analytics/columnar";
import type { CountsByTable } from "@pinpipe/clean";
import {
  PartitionedTableWriter,
  type PartitionedTableWriterOptions,
  type TableFile,
} from "./partitionedTableWriter";
import { type RecordPosition, rejectedRecordLine } from "./rejectedRecordLine";

/** A file a job stores, relative to its run folder. */
export interface OutputFile {
  /** `tables/<table>/<segment>/part-<n>.parquet` or `rejected/<table>.ndjson`. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Rows of a Parquet file, lines of a rejected-records file. */
  readonly rows: number;
}

/** Options of a {@link CleanTablesSink}. */
export interface CleanTablesSinkOptions {
  readonly dedupe: boolean;
  readonly files?: PartitionedTableWriterOptions;
  /** Called with each Parquet file as soon as it is finished (the last ones come from `finish`). */
  readonly onFile: (file: OutputFile) => void;
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
 * their exact bytes and positions. Pure: the caller stores the files it hands out.
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
   * @throws {RangeError} for a partial built without whole rows.
   */
  add(
    source: number,
    partial: ColumnarPartial,
    positionOf: (rejected: RejectedLine) => RecordPosition,
  ): void {
    if (partial.rows === null) throw new RangeError("a partial without whole rows cannot be written");
    const kept = this.merger.add(source, partial);
    for (const line of partial.rejected)
      this.rejected[line.table].push(rejectedRecordLine(positionOf(line), line));
    for (const table of RAW_TABLE_NAMES) {
      for (const file of this.writers[table].add(partial.rows[table], kept[table])) {
        this.options.onFile(tableFile(table, file));
      }
    }
  }

  /** Records read so far, per table (for progress lines). */
  recordsRead(): { readonly [T in RawTableName]: number } {
    const counts = this.merger.accounting();
    return { pin: counts.pin.in, geo: counts.geo.in, user: counts.user.in };
  }

  /**
   * Finishes the tables: the files not yet handed to `onFile` (the last Parquet files and the
   * rejected records of each table), the analytics tables and the counts.
   */
  async finish(): Promise<CleanTablesOutcome> {
    const files: OutputFile[] = [];
    for (const table of RAW_TABLE_NAMES) {
      for (const file of this.writers[table].finish()) files.push(tableFile(table, file));
      const lines = this.rejected[table];
      files.push({
        path: `rejected/${table}.ndjson`,
        bytes: utf8.encode(lines.join("")),
        rows: lines.length,
      });
    }
    return { files, tables: this.merger.tables(), counts: this.merger.accounting() };
  }
}

function tableFile(table: RawTableName, file: TableFile): OutputFile {
  return { path: `tables/${table}/${file.path}`, bytes: file.bytes, rows: file.rows };
}
