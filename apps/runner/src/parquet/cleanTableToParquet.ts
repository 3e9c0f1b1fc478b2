import type { CleanRecordOf, TableName } from "@pinpipe/clean";
import {
  type Data,
  type DataType,
  type Field,
  type FixedSizeList,
  type Float64,
  type Int32,
  type Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  type TimestampMillisecond,
  tableToIPC,
  Utf8,
} from "apache-arrow";
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm";
import { CleanTableColumns, type ColumnValues } from "./cleanTableColumns";

/**
 * The `created_by` every Parquet file carries: fixed, so files depend only on their rows.
 *
 * @example
 * PARQUET_CREATED_BY; // "pinpipe (parquet-wasm 0.8.0)"
 */
export const PARQUET_CREATED_BY = "pinpipe (parquet-wasm 0.8.0)";

/** Options of {@link cleanTableToParquet}. */
export interface CleanTableToParquetOptions {
  /** Rows to write, in this order (default: every row, in sorted order; see `sortCleanRows`). */
  readonly rows?: ArrayLike<number>;
}

function validity(length: number, isValid: (row: number) => boolean): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  for (let i = 0; i < length; i++) {
    if (isValid(i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bitmap, nulls };
}

function arrowData(field: Field, column: ColumnValues, rows: ArrayLike<number>): Data {
  const length = rows.length;
  const type: DataType = field.type;
  if (column.kind === "text") {
    const texts = Array.from({ length }, (_, i) => column.values[rows[i]!] ?? null);
    // Sized first, then written in place: no buffer per string (lone surrogates become U+FFFD in both).
    const offsets = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const text = texts[i];
      offsets[i + 1] =
        offsets[i]! + (text === null || text === undefined ? 0 : Buffer.byteLength(text, "utf8"));
    }
    const bytes = Buffer.alloc(offsets[length]!);
    for (let i = 0; i < length; i++) {
      const text = texts[i];
      if (text !== null && text !== undefined) bytes.write(text, offsets[i]!, "utf8");
    }
    const { bitmap, nulls } = validity(length, (i) => texts[i] !== null);
    return makeData({
      type: new Utf8(),
      length,
      nullCount: nulls,
      nullBitmap: bitmap,
      valueOffsets: offsets,
      data: bytes,
    });
  }
  if (column.kind === "coordinates") {
    const pairs = new Float64Array(length * 2);
    const { bitmap, nulls } = validity(length, (i) => !Number.isNaN(column.latitude[rows[i]!]!));
    for (let i = 0; i < length; i++) {
      const row = rows[i]!;
      if (Number.isNaN(column.latitude[row]!)) continue;
      pairs[i * 2] = column.latitude[row]!;
      pairs[i * 2 + 1] = column.longitude[row]!;
    }
    const listType = type as FixedSizeList<Float64>;
    const child = makeData({ type: listType.valueType, length: length * 2, data: pairs });
    return makeData({ type: listType, length, nullCount: nulls, nullBitmap: bitmap, child });
  }
  const values = column.values;
  const { bitmap, nulls } = validity(length, (i) => !Number.isNaN(values[rows[i]!]!));
  if (column.kind === "int32") {
    const data = new Int32Array(length);
    for (let i = 0; i < length; i++) data[i] = Number.isNaN(values[rows[i]!]!) ? 0 : values[rows[i]!]!;
    return makeData({ type: type as Int32, length, nullCount: nulls, nullBitmap: bitmap, data });
  }
  const data = new BigInt64Array(length);
  for (let i = 0; i < length; i++) {
    const value = values[rows[i]!]!;
    data[i] = Number.isNaN(value) ? 0n : BigInt(value);
  }
  const props = { length, nullCount: nulls, nullBitmap: bitmap, data };
  return column.kind === "timestamp"
    ? makeData({ type: type as TimestampMillisecond, ...props })
    : makeData({ type: type as Int64, ...props });
}

/**
 * Encodes a clean table as one Parquet file: the table's Arrow schema (@pinpipe/schemas) written by
 * the Rust `parquet` crate (through parquet-wasm): strings as UTF8/STRING, integers as INT64 (INT32
 * for `age`), instants as TIMESTAMP(MILLIS, adjusted to UTC), coordinates as a list of two doubles;
 * Snappy pages, format 1.0 data pages, a fixed `created_by` ({@link PARQUET_CREATED_BY}) and no time
 * stamps, so the same rows always give the same bytes. Accepts the columnar table or an array of
 * clean records (a stream micro-batch, say).
 *
 * @throws {RangeError} when `rows` names a row the table does not have.
 * @example
 * const bytes = cleanTableToParquet("geo", [{ ind: 1, country: "Chad", coordinates: null, timestamp: null }]);
 * await sink.put("stream/tables/geo/shard=0/1_1.parquet", bytes);
 * const pinBytes = cleanTableToParquet("pin", pins, { rows: artRows });
 */
export function cleanTableToParquet<T extends TableName>(
  table: T,
  records: CleanTableColumns<T> | readonly CleanRecordOf<T>[],
  options: CleanTableToParquetOptions = {},
): Uint8Array {
  let columns: CleanTableColumns<T>;
  if (records instanceof CleanTableColumns) columns = records;
  else {
    columns = new CleanTableColumns(table);
    for (const record of records) columns.push(record);
  }
  if (columns.table !== table) throw new RangeError(`columns of ${columns.table} given as ${table}`);
  const rows = options.rows ?? Uint32Array.from({ length: columns.length }, (_, i) => i);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!Number.isInteger(row) || row < 0 || row >= columns.length) {
      throw new RangeError(`row ${row} is outside the ${columns.length} rows of ${table}`);
    }
  }
  const fields = columns.schema.fields;
  const children = fields.map((field) => arrowData(field, columns.column(field.name), rows));
  const schema = new Schema(fields);
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }),
  );
  const ipc = tableToIPC(new Table([batch]), "stream");
  const properties = new WriterPropertiesBuilder()
    .setCreatedBy(PARQUET_CREATED_BY)
    .setCompression(Compression.SNAPPY)
    .build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}
