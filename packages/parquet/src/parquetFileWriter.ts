import { ByteBufferBuilder } from "./byteBufferBuilder";
import { ColumnChunkEncoder } from "./columnChunkEncoder";
import type { ChunkStatistics } from "./columnChunkStatistics";
import { mergeChunkStatistics, toColumnStatistics } from "./columnChunkStatistics";
import type { RowGroupMetadata } from "./fileMetadata";
import { writeFileMetadata } from "./fileMetadata";
import type { ColumnStatistics, ColumnValues, ParquetColumn, ParquetWriterOptions } from "./parquetColumn";
import { Codec, MAGIC } from "./parquetFormat";
import type { LeafColumn } from "./parquetSchema";
import { leafOf } from "./parquetSchema";
import { ThriftCompactWriter } from "./thriftCompactWriter";

const sharedOut = new ByteBufferBuilder(1 << 20);
const sharedEncoders = new Map<number, ColumnChunkEncoder>();

function sharedEncoder(codec: number): ColumnChunkEncoder {
  let encoder = sharedEncoders.get(codec);
  if (encoder === undefined) {
    encoder = new ColumnChunkEncoder(codec);
    sharedEncoders.set(codec, encoder);
  }
  return encoder;
}

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
  private readonly encoder: ColumnChunkEncoder;
  private readonly out: ByteBufferBuilder;
  private readonly rowGroups: RowGroupMetadata[] = [];
  private readonly fileStatistics: (ChunkStatistics | null)[];
  private rowCount = 0;
  private byteCount = 0;
  private finished = false;

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly options: ParquetWriterOptions,
  ) {
    const names = new Set<string>();
    this.leaves = columns.map((column) => {
      if (names.has(column.name)) throw new RangeError(`column "${column.name}" appears twice`);
      names.add(column.name);
      return leafOf(column);
    });
    const compression = options.compression ?? "snappy";
    if (compression !== "snappy" && compression !== "none") {
      throw new RangeError(`unknown compression "${String(compression)}"`);
    }
    this.codec = compression === "snappy" ? Codec.SNAPPY : Codec.UNCOMPRESSED;
    // One set of scratch buffers per thread and codec, shared by every writer: a job keeps dozens of
    // partition files open at once, and encoding is synchronous.
    this.encoder = sharedEncoder(this.codec);
    this.out = sharedOut;
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
    if (columns.length !== this.leaves.length) {
      throw new RangeError(`expected ${this.leaves.length} columns of values, got ${columns.length}`);
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`length must be a non-negative integer, got ${length}`);
    }
    if (rows !== undefined) {
      for (let i = 0; i < rows.length; i++) {
        if (rows[i]! >= length)
          throw new RangeError(`row index ${rows[i]} at ${i} is out of range 0..${length - 1}`);
      }
    }
    const rowCount = rows === undefined ? length : rows.length;
    const out = this.out;
    out.reset();
    if (this.byteCount === 0) out.writeBytes(MAGIC);
    if (rowCount === 0) return this.take();
    const base = this.byteCount;
    const groupStart = base + out.length;
    const chunks = this.leaves.map((leaf, i) =>
      this.encoder.encode(leaf, columns[i]!, length, rows, rowCount, out, base),
    );
    let totalByteSize = 0;
    let totalCompressedSize = 0;
    for (const chunk of chunks) {
      totalByteSize += chunk.totalUncompressedSize;
      totalCompressedSize += chunk.totalCompressedSize;
    }
    this.rowGroups.push({
      chunks,
      numRows: rowCount,
      fileOffset: groupStart,
      totalByteSize,
      totalCompressedSize,
    });
    chunks.forEach((chunk, i) => {
      const previous = this.fileStatistics[i];
      this.fileStatistics[i] = previous ? mergeChunkStatistics(previous, chunk.statistics) : chunk.statistics;
    });
    this.rowCount += rowCount;
    return this.take();
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
    const out = this.out;
    out.reset();
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
    return this.take();
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

  private take(): Uint8Array {
    this.byteCount += this.out.length;
    // An exact-size copy: the shared buffer is reused, and a kept row group holds no slack.
    return this.out.toBytes();
  }
}
