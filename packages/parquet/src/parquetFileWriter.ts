import { ByteBufferBuilder } from "./byteBufferBuilder";
import type { ChunkStatistics } from "./columnChunkStatistics";
import { mergeChunkStatistics, toColumnStatistics } from "./columnChunkStatistics";
import { codecOf, type EncodedRowGroup, encodeRowGroup, schemaLeaves } from "./encodeRowGroup";
import type { RowGroupMetadata } from "./fileMetadata";
import { writeFileMetadata } from "./fileMetadata";
import type { ColumnStatistics, ColumnValues, ParquetColumn, ParquetWriterOptions } from "./parquetColumn";
import { MAGIC } from "./parquetFormat";
import type { LeafColumn } from "./parquetSchema";
import { ThriftCompactWriter } from "./thriftCompactWriter";

/**
 * A streaming Parquet writer: each {@link writeRowGroup} call returns the bytes of one row group
 * to append to the file (the first also carries the leading magic), and {@link finish} returns
 * the footer. Nothing time-dependent is written, so the same input gives the same bytes.
 *
 * @example
 * const writer = new ParquetFileWriter([{ name: "ind", type: "int64", required: true }], { createdBy: "pinpipe" });
 * const head = writer.writeRowGroup([{ kind: "numbers", values: new Float64Array([1, 2]) }], 2);
 * const tail = writer.finish(); // the file is head followed by tail
 */
export class ParquetFileWriter {
  private readonly leaves: readonly LeafColumn[];
  private readonly codec: number;
  private readonly rowGroups: RowGroupMetadata[] = [];
  private readonly fileStatistics: (ChunkStatistics | null)[];
  private rowCount = 0;
  private byteCount = 0;
  private finished = false;

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly options: ParquetWriterOptions,
  ) {
    this.leaves = schemaLeaves(columns);
    this.codec = codecOf(options.compression);
    this.fileStatistics = columns.map(() => null);
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Bytes returned so far (row groups, and the footer once finished). */
  get bytes(): number {
    return this.byteCount;
  }

  /**
   * Encodes rows of `columns` (one entry per schema column, each `length` rows long) as one row
   * group: all rows in order, or `rows` (indexes into the arrays, in write order). Returns the
   * bytes to append; an empty selection writes no row group (only the magic, on the first call).
   * Throws a RangeError for mismatched counts or lengths, null in a required column, non-integers
   * in integer columns and row indexes out of range; nothing is recorded when it throws.
   *
   * @example
   * const bytes = writer.writeRowGroup(values, 1_000_000);
   */
  writeRowGroup(columns: readonly ColumnValues[], length: number, rows?: Uint32Array): Uint8Array {
    if (this.finished) throw new RangeError("the writer is finished");
    const compression = this.options.compression ?? "snappy";
    return this.appendRowGroup(encodeRowGroup(this.columns, columns, length, rows, { compression }));
  }

  /**
   * Appends a row group encoded by `encodeRowGroup` with this writer's schema and compression
   * (on any thread) and returns the bytes to append to the file: the group's own bytes, preceded
   * by the leading magic on the first call. Groups go into the file in the order they are appended.
   *
   * @throws {RangeError} when the writer is finished or the group has another number of columns.
   * @example
   * const bytes = writer.appendRowGroup(encodeRowGroup(columns, values, 3));
   */
  appendRowGroup(group: EncodedRowGroup): Uint8Array {
    if (this.finished) throw new RangeError("the writer is finished");
    const first = this.byteCount === 0;
    if (group.numRows === 0) return this.counted(first ? MAGIC.slice() : new Uint8Array(0));
    if (group.chunks.length !== this.leaves.length) {
      throw new RangeError(`expected ${this.leaves.length} column chunks, got ${group.chunks.length}`);
    }
    const base = this.byteCount + (first ? MAGIC.length : 0);
    let totalByteSize = 0;
    let totalCompressedSize = 0;
    const chunks = group.chunks.map((chunk, i) => {
      totalByteSize += chunk.totalUncompressedSize;
      totalCompressedSize += chunk.totalCompressedSize;
      const previous = this.fileStatistics[i];
      this.fileStatistics[i] = previous ? mergeChunkStatistics(previous, chunk.statistics) : chunk.statistics;
      return {
        ...chunk,
        leaf: this.leaves[i]!,
        dataPageOffset: base + chunk.dataPageOffset,
        dictionaryPageOffset: chunk.dictionaryPageOffset === null ? null : base + chunk.dictionaryPageOffset,
      };
    });
    this.rowGroups.push({
      chunks,
      numRows: group.numRows,
      fileOffset: base,
      totalByteSize,
      totalCompressedSize,
    });
    this.rowCount += group.numRows;
    if (!first) return this.counted(group.bytes);
    const bytes = new Uint8Array(MAGIC.length + group.bytes.length);
    bytes.set(MAGIC);
    bytes.set(group.bytes, MAGIC.length);
    return this.counted(bytes);
  }

  /**
   * Returns the footer: FileMetaData, its 4-byte length and the closing magic (preceded by the
   * leading magic when no row group was written, so the result is still a valid file).
   *
   * @example
   * await file.write(writer.finish());
   */
  finish(): Uint8Array {
    if (this.finished) throw new RangeError("the writer is already finished");
    this.finished = true;
    const out = new ByteBufferBuilder(1024);
    if (this.byteCount === 0) out.writeBytes(MAGIC);
    const metadataStart = out.length;
    const keyValueMetadata = Object.entries(this.options.keyValueMetadata ?? {}).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    writeFileMetadata(new ThriftCompactWriter(out), {
      columns: this.columns,
      rowGroups: this.rowGroups,
      numRows: this.rowCount,
      createdBy: this.options.createdBy,
      keyValueMetadata,
      codec: this.codec,
    });
    out.writeInt32LE(out.length - metadataStart);
    out.writeBytes(MAGIC);
    return this.counted(out.toBytes());
  }

  /**
   * Statistics per column over every row group written so far.
   *
   * @example
   * writer.statistics()[0]; // { nullCount: 0, min: 1, max: 2 }
   */
  statistics(): readonly ColumnStatistics[] {
    return this.columns.map((column, i) =>
      toColumnStatistics(this.fileStatistics[i] ?? { nullCount: 0, min: null, max: null }, column.type),
    );
  }

  private counted(bytes: Uint8Array): Uint8Array {
    this.byteCount += bytes.length;
    return bytes;
  }
}
