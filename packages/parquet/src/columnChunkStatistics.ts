import type { ByteBufferBuilder } from "./byteBufferBuilder";
import type { ColumnStatistics, ParquetColumnType } from "./parquetColumn";
import { setInt64MicrosOfMillis } from "./plainEncoding";
import type { ThriftCompactWriter } from "./thriftCompactWriter";

/**
 * Statistics of one column chunk as the encoder gathers them: numbers in the caller's units
 * (timestamps in epoch milliseconds), strings as their UTF-8 bytes.
 *
 * @example
 * const stats: ChunkStatistics = { nullCount: 0, min: 1, max: 5 };
 */
export interface ChunkStatistics {
  readonly nullCount: number;
  readonly min: number | Uint8Array | null;
  readonly max: number | Uint8Array | null;
}

/**
 * Orders two byte strings as unsigned bytes (UTF-8 byte order is code point order); negative,
 * zero or positive like a comparator.
 *
 * @example
 * compareBytes(new Uint8Array([0x61]), 0, 1, new Uint8Array([0x62]), 0, 1); // < 0
 */
export function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const common = Math.min(aLength, bLength);
  for (let i = 0; i < common; i++) {
    const difference = a[aStart + i]! - b[bStart + i]!;
    if (difference !== 0) return difference;
  }
  return aLength - bLength;
}

/**
 * Merges the statistics of two chunks of the same column (for file-level figures).
 *
 * @example
 * mergeChunkStatistics({ nullCount: 1, min: 2, max: 3 }, { nullCount: 0, min: 1, max: 2 });
 * // { nullCount: 1, min: 1, max: 3 }
 */
export function mergeChunkStatistics(a: ChunkStatistics, b: ChunkStatistics): ChunkStatistics {
  return { nullCount: a.nullCount + b.nullCount, min: pick(a.min, b.min, -1), max: pick(a.max, b.max, 1) };
}

function pick(
  a: number | Uint8Array | null,
  b: number | Uint8Array | null,
  sign: number,
): number | Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const order =
    typeof a === "number" || typeof b === "number"
      ? Number(a) - Number(b)
      : compareBytes(a, 0, a.length, b, 0, b.length);
  return order * sign >= 0 ? a : b;
}

const utf8Decoder = new TextDecoder();

/**
 * The public form of chunk or file statistics: strings decoded, nothing for `double-pair`.
 *
 * @example
 * toColumnStatistics({ nullCount: 0, min: new Uint8Array([0x61]), max: new Uint8Array([0x62]) }, "utf8");
 * // { nullCount: 0, min: "a", max: "b" }
 */
export function toColumnStatistics(stats: ChunkStatistics, type: ParquetColumnType): ColumnStatistics {
  if (type === "double-pair") return { nullCount: stats.nullCount, min: null, max: null };
  const convert = (value: number | Uint8Array | null) =>
    value === null ? null : typeof value === "number" ? value : utf8Decoder.decode(value);
  return { nullCount: stats.nullCount, min: convert(stats.min), max: convert(stats.max) };
}

/**
 * Writes a Parquet `Statistics` struct as field `fieldId` of the open struct: null_count, and
 * max_value/min_value in the column's plain encoding (INT64/INT32/DOUBLE little-endian, raw
 * bytes for strings). Doubles follow the format's rule for zeros: min -0.0, max +0.0.
 *
 * @example
 * writeChunkStatistics(thrift, scratch, 12, "int64", { nullCount: 0, min: 1, max: 9 });
 */
export function writeChunkStatistics(
  thrift: ThriftCompactWriter,
  scratch: ByteBufferBuilder,
  fieldId: number,
  type: ParquetColumnType,
  stats: ChunkStatistics,
): void {
  thrift.structField(fieldId);
  thrift.i64Field(3, stats.nullCount);
  if (stats.max !== null && stats.min !== null && type !== "double-pair") {
    thrift.binaryField(5, encodeValue(scratch, type, stats.max, 1));
    thrift.binaryField(6, encodeValue(scratch, type, stats.min, -1));
  }
  thrift.structEnd();
}

function encodeValue(
  scratch: ByteBufferBuilder,
  type: ParquetColumnType,
  value: number | Uint8Array,
  sign: number,
): Uint8Array {
  if (typeof value !== "number") return value;
  scratch.reset();
  switch (type) {
    case "int32":
      scratch.writeInt32LE(value);
      break;
    case "double":
      scratch.writeFloat64LE(value === 0 ? (sign < 0 ? -0 : 0) : value);
      break;
    case "timestamp-micros":
      scratch.reserve(8);
      setInt64MicrosOfMillis(scratch.view, scratch.length, value);
      scratch.length += 8;
      break;
    default:
      scratch.writeInt64LE(value);
  }
  return scratch.toBytes();
}
