import { ByteBufferBuilder } from "./byteBufferBuilder";
import { ColumnChunkEncoder } from "./columnChunkEncoder";
import type { ChunkStatistics } from "./columnChunkStatistics";
import type { ColumnValues, ParquetColumn } from "./parquetColumn";
import { Codec } from "./parquetFormat";
import type { LeafColumn } from "./parquetSchema";
import { leafOf } from "./parquetSchema";

/**
 * One column chunk of an {@link EncodedRowGroup}. Offsets count from the row group's first byte,
 * so the group can be placed anywhere in a file.
 *
 * @example
 * const chunk: EncodedColumnChunk = group.chunks[0];
 */
export interface EncodedColumnChunk {
  readonly encodings: readonly number[];
  readonly numValues: number;
  readonly totalUncompressedSize: number;
  readonly totalCompressedSize: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset: number | null;
  readonly statistics: ChunkStatistics;
}

/**
 * A row group encoded on its own: its bytes and what the footer needs to describe it, with no
 * tie to a file or a thread (it survives `postMessage`; transfer `bytes.buffer`), so row groups
 * can be encoded in parallel and appended in order with `ParquetFileWriter.appendRowGroup`.
 *
 * @example
 * const group: EncodedRowGroup = encodeRowGroup(columns, values, 3);
 */
export interface EncodedRowGroup {
  readonly bytes: Uint8Array;
  readonly numRows: number;
  /** One per schema column, in schema order. */
  readonly chunks: readonly EncodedColumnChunk[];
}

/** Options of {@link encodeRowGroup}. */
export interface EncodeRowGroupOptions {
  /** Page compression; default `"snappy"`. */
  readonly compression?: "snappy" | "none";
}

// Scratch buffers per thread and codec, reused by every call: encoding is synchronous.
const sharedOut = new ByteBufferBuilder(1 << 20);
const sharedEncoders = new Map<number, ColumnChunkEncoder>();
const leavesOfSchema = new WeakMap<readonly ParquetColumn[], readonly LeafColumn[]>();

/**
 * The leaves of a schema, checked once per schema array (names unique, types valid).
 *
 * @example
 * schemaLeaves([{ name: "ind", type: "int64", required: true }])[0]?.maxDefinitionLevel; // 0
 */
export function schemaLeaves(columns: readonly ParquetColumn[]): readonly LeafColumn[] {
  let leaves = leavesOfSchema.get(columns);
  if (leaves === undefined) {
    const names = new Set<string>();
    leaves = columns.map((column) => {
      if (names.has(column.name)) throw new RangeError(`column "${column.name}" appears twice`);
      names.add(column.name);
      return leafOf(column);
    });
    leavesOfSchema.set(columns, leaves);
  }
  return leaves;
}

/**
 * The codec number of a compression option.
 *
 * @example
 * codecOf("snappy"); // 1
 */
export function codecOf(compression: "snappy" | "none" | undefined): number {
  const chosen = compression ?? "snappy";
  if (chosen !== "snappy" && chosen !== "none") {
    throw new RangeError(`unknown compression "${String(chosen)}"`);
  }
  return chosen === "snappy" ? Codec.SNAPPY : Codec.UNCOMPRESSED;
}

/**
 * Encodes rows of `values` (one entry per schema column, each `length` rows long) as one row
 * group: all rows in order, or `rows` (indexes into the arrays, in write order). A pure function
 * of its arguments, so the same rows give the same bytes on any thread.
 *
 * @throws {RangeError} for mismatched counts or lengths, null in a required column, non-integers
 * in integer columns and row indexes out of range.
 * @example
 * const columns = [{ name: "ind", type: "int64", required: true }] as const;
 * const group = encodeRowGroup(columns, [{ kind: "numbers", values: new Float64Array([1, 2]) }], 2);
 * group.numRows; // 2
 */
export function encodeRowGroup(
  columns: readonly ParquetColumn[],
  values: readonly ColumnValues[],
  length: number,
  rows?: Uint32Array,
  options: EncodeRowGroupOptions = {},
): EncodedRowGroup {
  const leaves = schemaLeaves(columns);
  const codec = codecOf(options.compression);
  if (values.length !== leaves.length) {
    throw new RangeError(`expected ${leaves.length} columns of values, got ${values.length}`);
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
  if (rowCount === 0) return { bytes: new Uint8Array(0), numRows: 0, chunks: [] };
  let encoder = sharedEncoders.get(codec);
  if (encoder === undefined) {
    encoder = new ColumnChunkEncoder(codec);
    sharedEncoders.set(codec, encoder);
  }
  const out = sharedOut;
  out.reset();
  const chunks = leaves.map((leaf, i) => {
    const { leaf: _, ...chunk } = encoder.encode(leaf, values[i]!, length, rows, rowCount, out, 0);
    return chunk;
  });
  // An exact-size copy: the scratch buffer is reused, and a kept row group holds no slack.
  return { bytes: out.toBytes(), numRows: rowCount, chunks };
}
