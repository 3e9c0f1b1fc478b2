import { ByteBufferBuilder } from "./byteBufferBuilder";
import type { ChunkStatistics } from "./columnChunkStatistics";
import { compareBytes } from "./columnChunkStatistics";
import { bitWidthOf, encodeRleBitPackedHybrid } from "./encodeRleBitPackedHybrid";
import type { ColumnValues } from "./parquetColumn";
import { Codec, Encoding, PageType } from "./parquetFormat";
import type { LeafColumn } from "./parquetSchema";
import type { NumberStorage } from "./plainEncoding";
import { MAX_INSTANT_MILLIS, writePlainByteArrays, writePlainNumbers } from "./plainEncoding";
import { snappyCompress } from "./snappyCompress";
import { ThriftCompactWriter } from "./thriftCompactWriter";
import { Utf8Dictionary } from "./utf8Dictionary";

/** Pages are cut at about this many value bytes, so huge row groups stay easy to read. */
const PAGE_TARGET_BYTES = 1 << 20;
/** Row cap per page: 1 MiB of 8-byte values. */
const MAX_PAGE_ROWS = 1 << 17;
/** A dictionary page larger than this is not worth it: the chunk falls back to PLAIN. */
const MAX_DICTIONARY_BYTES = 1 << 20;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Where and how one column chunk was written, for the footer's ColumnMetaData. Offsets are
 * absolute file offsets.
 *
 * @example
 * const { dataPageOffset, totalCompressedSize } = encoder.encode(leaf, { kind: "numbers", values }, values.length, undefined, values.length, out, 4);
 */
export interface ColumnChunkMetadata {
  readonly leaf: LeafColumn;
  readonly encodings: readonly number[];
  readonly numValues: number;
  readonly totalUncompressedSize: number;
  readonly totalCompressedSize: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset: number | null;
  readonly statistics: ChunkStatistics;
}

/**
 * Encodes column chunks: validates the values, gathers statistics, and appends a dictionary
 * page (when asked for and small enough) and ~1 MiB v1 data pages (levels as RLE/bit-packed
 * hybrid with a 4-byte length, PLAIN or RLE_DICTIONARY values), each compressed on its own.
 * One encoder serves every column and row group, reusing its buffers and level arrays.
 *
 * @example
 * const encoder = new ColumnChunkEncoder(Codec.SNAPPY);
 * const meta = encoder.encode(leafOf({ name: "n", type: "int64" }), values, 3, undefined, 3, out, 4);
 */
export class ColumnChunkEncoder {
  private readonly body = new ByteBufferBuilder(PAGE_TARGET_BYTES + (1 << 16));
  private readonly compressed = new ByteBufferBuilder(PAGE_TARGET_BYTES + (1 << 16));
  private readonly dictionary = new Utf8Dictionary(MAX_DICTIONARY_BYTES);
  private definitionLevels = new Uint32Array(1024);
  private repetitionLevels = new Uint32Array(1024);
  private indices = new Uint32Array(1024);
  private uncompressedSize = 0;
  private compressedSize = 0;

  constructor(private readonly codec: number) {}

  /**
   * Appends the chunk of `leaf` for the rows in write order (`rows`, or `0..rowCount-1`) to
   * `out`, whose position 0 is file offset `fileOffsetOfOut`. Throws a RangeError for values
   * that do not fit the column.
   *
   * @example
   * encoder.encode(leaf, { kind: "numbers", values }, values.length, undefined, values.length, out, 4);
   */
  encode(
    leaf: LeafColumn,
    values: ColumnValues,
    length: number,
    rows: Uint32Array | undefined,
    rowCount: number,
    out: ByteBufferBuilder,
    fileOffsetOfOut: number,
  ): ColumnChunkMetadata {
    this.uncompressedSize = 0;
    this.compressedSize = 0;
    const start = fileOffsetOfOut + out.length;
    const name = leaf.column.name;
    const type = leaf.column.type;
    const expected = type === "utf8" ? "utf8" : type === "double-pair" ? "pairs" : "numbers";
    if (values.kind !== expected) {
      throw new RangeError(`column "${name}" (${type}) needs "${expected}" values, got "${values.kind}"`);
    }
    let result: Omit<ColumnChunkMetadata, "totalUncompressedSize" | "totalCompressedSize" | "leaf">;
    if (values.kind === "numbers")
      result = this.encodeNumbers(leaf, values.values, length, rows, rowCount, out);
    else if (values.kind === "utf8") result = this.encodeUtf8(leaf, values, length, rows, rowCount, out);
    else result = this.encodePairs(leaf, values.first, values.second, length, rows, rowCount, out);
    return {
      ...result,
      leaf,
      dataPageOffset: start + result.dataPageOffset,
      dictionaryPageOffset: result.dictionaryPageOffset === null ? null : start + result.dictionaryPageOffset,
      totalUncompressedSize: this.uncompressedSize,
      totalCompressedSize: this.compressedSize,
    };
  }

  private encodeNumbers(
    leaf: LeafColumn,
    values: Float64Array,
    length: number,
    rows: Uint32Array | undefined,
    rowCount: number,
    out: ByteBufferBuilder,
  ) {
    const { name, type } = leaf.column;
    checkLength(name, "values", values.length, length);
    const required = leaf.maxDefinitionLevel === 0;
    const definitions = required ? this.definitionLevels : this.levels("definitionLevels", rowCount);
    // 0: any double, 1: safe integer, 2: int32, 3: milliseconds within Date's range (micros fit INT64).
    const check = type === "double" ? 0 : type === "int32" ? 2 : type === "timestamp-micros" ? 3 : 1;
    let nullCount = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < rowCount; i++) {
      const row = rows === undefined ? i : rows[i]!;
      const value = values[row]!;
      if (Number.isNaN(value)) {
        if (required) throw new RangeError(`column "${name}" is required but row ${row} is null (NaN)`);
        definitions[i] = 0;
        nullCount++;
        continue;
      }
      if (!required) definitions[i] = 1;
      if (
        check !== 0 &&
        (check === 1
          ? value !== Math.floor(value) || value > MAX_SAFE || value < -MAX_SAFE
          : check === 2
            ? (value | 0) !== value
            : !(Math.abs(value) <= MAX_INSTANT_MILLIS))
      ) {
        const what =
          check === 2 ? "a 32-bit integer" : check === 3 ? "a timestamp in range" : "a safe integer";
        throw new RangeError(`column "${name}" (${type}): row ${row} holds ${value}, not ${what}`);
      }
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const storage: NumberStorage =
      type === "double"
        ? "double"
        : type === "int32"
          ? "int32"
          : type === "timestamp-micros"
            ? "int64-micros"
            : "int64";
    const body = this.body;
    for (let from = 0; from < rowCount; ) {
      const to = Math.min(rowCount, from + MAX_PAGE_ROWS);
      body.reset();
      if (!required) this.writeLevels(definitions, from, to, 1);
      writePlainNumbers(body, values, rows, from, to, storage);
      this.writePage(out, PageType.DATA_PAGE, to - from, Encoding.PLAIN);
      from = to;
    }
    const hasValues = nullCount < rowCount;
    return {
      encodings: required ? [Encoding.PLAIN] : [Encoding.PLAIN, Encoding.RLE],
      numValues: rowCount,
      dataPageOffset: 0,
      dictionaryPageOffset: null,
      statistics: { nullCount, min: hasValues ? min : null, max: hasValues ? max : null },
    };
  }

  private encodeUtf8(
    leaf: LeafColumn,
    values: Extract<ColumnValues, { kind: "utf8" }>,
    length: number,
    rows: Uint32Array | undefined,
    rowCount: number,
    out: ByteBufferBuilder,
  ) {
    const { name } = leaf.column;
    const { offsets, bytes, valid } = values;
    checkLength(name, "offsets", offsets.length, length + 1);
    checkLength(name, "valid", valid.length, length);
    const required = leaf.maxDefinitionLevel === 0;
    const definitions = required ? this.definitionLevels : this.levels("definitionLevels", rowCount);
    const byteLength = bytes.length;
    let nullCount = 0;
    let minRow = -1;
    let maxRow = -1;
    let minStart = 0;
    let minEnd = 0;
    let maxStart = 0;
    let maxEnd = 0;
    let minFirst = -1;
    let maxFirst = -1;
    for (let i = 0; i < rowCount; i++) {
      const row = rows === undefined ? i : rows[i]!;
      if (valid[row] === 0) {
        if (required) throw new RangeError(`column "${name}" is required but row ${row} is null`);
        definitions[i] = 0;
        nullCount++;
        continue;
      }
      if (!required) definitions[i] = 1;
      const start = offsets[row]!;
      const end = offsets[row + 1]!;
      if (start < 0 || end < start || end > byteLength) {
        throw new RangeError(
          `column "${name}": row ${row} has offsets ${start}..${end} outside 0..${byteLength}`,
        );
      }
      // The first byte (-1 for "") settles most comparisons without a call.
      const first = end > start ? bytes[start]! : -1;
      if (minRow === -1) {
        minRow = maxRow = row;
        minStart = maxStart = start;
        minEnd = maxEnd = end;
        minFirst = maxFirst = first;
        continue;
      }
      if (
        first < minFirst ||
        (first === minFirst && compareBytes(bytes, start, end, bytes, minStart, minEnd) < 0)
      ) {
        minRow = row;
        minStart = start;
        minEnd = end;
        minFirst = first;
      } else if (
        first > maxFirst ||
        (first === maxFirst && compareBytes(bytes, start, end, bytes, maxStart, maxEnd) > 0)
      ) {
        maxRow = row;
        maxStart = start;
        maxEnd = end;
        maxFirst = first;
      }
    }
    const statistics = {
      nullCount,
      min: minRow === -1 ? null : bytes.slice(minStart, minEnd),
      max: maxRow === -1 ? null : bytes.slice(maxStart, maxEnd),
    };
    const levelEncodings = required ? [] : [Encoding.RLE];
    if (leaf.column.dictionary === true) {
      const dictionaryPageOffset = out.length;
      if (this.writeDictionaryChunk(values, rows, rowCount, rowCount - nullCount, required, out)) {
        return {
          encodings: [Encoding.PLAIN, ...levelEncodings, Encoding.RLE_DICTIONARY],
          numValues: rowCount,
          dictionaryPageOffset: 0,
          dataPageOffset: this.firstDataPageOffset - dictionaryPageOffset,
          statistics,
        };
      }
    }
    const body = this.body;
    for (let from = 0; from < rowCount; ) {
      // Cut the page where its strings reach the byte target.
      let to = from;
      let size = 0;
      const rowLimit = Math.min(rowCount, from + 2 * MAX_PAGE_ROWS);
      while (to < rowLimit && size < PAGE_TARGET_BYTES) {
        const row = rows === undefined ? to : rows[to]!;
        if (valid[row] !== 0) size += 4 + offsets[row + 1]! - offsets[row]!;
        to++;
      }
      body.reset();
      body.reserve(size + 16);
      if (!required) this.writeLevels(definitions, from, to, 1);
      writePlainByteArrays(body, offsets, bytes, valid, rows, from, to, size);
      this.writePage(out, PageType.DATA_PAGE, to - from, Encoding.PLAIN);
      from = to;
    }
    return {
      encodings: [Encoding.PLAIN, ...levelEncodings],
      numValues: rowCount,
      dataPageOffset: 0,
      dictionaryPageOffset: null,
      statistics,
    };
  }

  private firstDataPageOffset = 0;

  /** Writes a dictionary chunk; false (having written nothing) when the dictionary grows too big. */
  private writeDictionaryChunk(
    values: Extract<ColumnValues, { kind: "utf8" }>,
    rows: Uint32Array | undefined,
    rowCount: number,
    presentCount: number,
    required: boolean,
    out: ByteBufferBuilder,
  ): boolean {
    const { offsets, bytes, valid } = values;
    const dictionary = this.dictionary;
    dictionary.reset();
    const indices = this.levels("indices", presentCount);
    let k = 0;
    for (let i = 0; i < rowCount; i++) {
      const row = rows === undefined ? i : rows[i]!;
      if (valid[row] === 0) continue;
      const index = dictionary.add(bytes, offsets[row]!, offsets[row + 1]!);
      if (index < 0) return false;
      indices[k++] = index;
    }
    const body = this.body;
    body.reset();
    body.reserve(dictionary.plainSize);
    const data = dictionary.data.bytes;
    for (let entry = 0; entry < dictionary.size; entry++) {
      const from = dictionary.offsets[entry]!;
      const to = dictionary.offsets[entry + 1]!;
      body.writeInt32LE(to - from);
      body.writeBytes(data, from, to);
    }
    this.writePage(out, PageType.DICTIONARY_PAGE, dictionary.size, Encoding.PLAIN);
    this.firstDataPageOffset = out.length;
    // Width 1 at least: some readers mishandle zero-width index runs (and an all-null chunk has an
    // empty dictionary).
    const bitWidth = Math.max(1, bitWidthOf(Math.max(0, dictionary.size - 1)));
    const definitions = this.definitionLevels;
    let kFrom = 0;
    for (let from = 0; from < rowCount; ) {
      const to = Math.min(rowCount, from + MAX_PAGE_ROWS);
      let kTo = kFrom;
      if (required) kTo += to - from;
      else for (let i = from; i < to; i++) kTo += definitions[i]!;
      body.reset();
      if (!required) this.writeLevels(definitions, from, to, 1);
      body.writeByte(bitWidth);
      encodeRleBitPackedHybrid(body, indices, kFrom, kTo, bitWidth);
      this.writePage(out, PageType.DATA_PAGE, to - from, Encoding.RLE_DICTIONARY);
      kFrom = kTo;
      from = to;
    }
    return true;
  }

  private encodePairs(
    leaf: LeafColumn,
    first: Float64Array,
    second: Float64Array,
    length: number,
    rows: Uint32Array | undefined,
    rowCount: number,
    out: ByteBufferBuilder,
  ) {
    const { name } = leaf.column;
    checkLength(name, "first", first.length, length);
    checkLength(name, "second", second.length, length);
    const definitions = this.levels("definitionLevels", 2 * rowCount);
    const repetitions = this.levels("repetitionLevels", 2 * rowCount);
    let nullCount = 0;
    let levelCount = 0;
    for (let i = 0; i < rowCount; i++) {
      const row = rows === undefined ? i : rows[i]!;
      if (Number.isNaN(first[row]!)) {
        definitions[levelCount] = 0;
        repetitions[levelCount++] = 0;
        nullCount++;
        continue;
      }
      if (Number.isNaN(second[row]!)) {
        throw new RangeError(`column "${name}": row ${row} has a first value but a NaN second value`);
      }
      definitions[levelCount] = 2;
      repetitions[levelCount++] = 0;
      definitions[levelCount] = 2;
      repetitions[levelCount++] = 1;
    }
    const body = this.body;
    const pageRows = MAX_PAGE_ROWS >> 1;
    let levelFrom = 0;
    for (let from = 0; from < rowCount; ) {
      const to = Math.min(rowCount, from + pageRows);
      body.reset();
      let levelTo = levelFrom;
      for (let i = from; i < to; i++) {
        const row = rows === undefined ? i : rows[i]!;
        levelTo += Number.isNaN(first[row]!) ? 1 : 2;
      }
      this.writeLevels(repetitions, levelFrom, levelTo, 1);
      this.writeLevels(definitions, levelFrom, levelTo, 2);
      body.reserve(16 * (to - from));
      const view = body.view;
      let at = body.length;
      for (let i = from; i < to; i++) {
        const row = rows === undefined ? i : rows[i]!;
        const value = first[row]!;
        if (Number.isNaN(value)) continue;
        view.setFloat64(at, value, true);
        view.setFloat64(at + 8, second[row]!, true);
        at += 16;
      }
      body.length = at;
      this.writePage(out, PageType.DATA_PAGE, levelTo - levelFrom, Encoding.PLAIN);
      levelFrom = levelTo;
      from = to;
    }
    return {
      encodings: [Encoding.PLAIN, Encoding.RLE],
      numValues: levelCount,
      dataPageOffset: 0,
      dictionaryPageOffset: null,
      statistics: { nullCount, min: null, max: null },
    };
  }

  /** A reused level/index array of at least `size` entries. */
  private levels(which: "definitionLevels" | "repetitionLevels" | "indices", size: number): Uint32Array {
    if (this[which].length < size) this[which] = new Uint32Array(Math.max(size, this[which].length * 2));
    return this[which];
  }

  /** Appends levels `[from, to)` to the page body with their 4-byte length prefix. */
  private writeLevels(levels: Uint32Array, from: number, to: number, bitWidth: number): void {
    const body = this.body;
    const at = body.length;
    body.writeInt32LE(0);
    encodeRleBitPackedHybrid(body, levels, from, to, bitWidth);
    body.patchInt32LE(at, body.length - at - 4);
  }

  /** Compresses the page body and appends page header + payload to `out`. */
  private writePage(out: ByteBufferBuilder, type: number, numValues: number, encoding: number): void {
    const body = this.body;
    let payload = body;
    if (this.codec === Codec.SNAPPY) {
      payload = this.compressed;
      payload.reset();
      snappyCompress(body.bytes, payload, 0, body.length);
    }
    const headerStart = out.length;
    const thrift = new ThriftCompactWriter(out);
    thrift.structBegin();
    thrift.i32Field(1, type);
    thrift.i32Field(2, body.length);
    thrift.i32Field(3, payload.length);
    if (type === PageType.DATA_PAGE) {
      thrift.structField(5);
      thrift.i32Field(1, numValues);
      thrift.i32Field(2, encoding);
      thrift.i32Field(3, Encoding.RLE);
      thrift.i32Field(4, Encoding.RLE);
    } else {
      thrift.structField(7);
      thrift.i32Field(1, numValues);
      thrift.i32Field(2, encoding);
    }
    thrift.structEnd();
    thrift.structEnd();
    const headerLength = out.length - headerStart;
    out.writeBytes(payload.bytes, 0, payload.length);
    this.uncompressedSize += headerLength + body.length;
    this.compressedSize += headerLength + payload.length;
  }
}

function checkLength(name: string, what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new RangeError(`column "${name}": ${what} has ${actual} entries, expected ${expected}`);
  }
}
