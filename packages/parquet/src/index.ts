/**
 * Public API of @pinpipe/parquet: a small dependency-free streaming Parquet writer (row groups
 * appended one at a time, snappy, dictionary pages, per-column statistics).
 *
 * @module @pinpipe/parquet
 */

export { encodeParquetFile } from "./encodeParquetFile";
export type { EncodedColumnChunk, EncodedRowGroup, EncodeRowGroupOptions } from "./encodeRowGroup";
export { encodeRowGroup } from "./encodeRowGroup";
export type { NestedField, NestedType } from "./nestedParquetFile";
export { encodeNestedParquetFile } from "./nestedParquetFile";
export type {
  ColumnStatistics,
  ColumnValues,
  ParquetColumn,
  ParquetColumnType,
  ParquetWriterOptions,
} from "./parquetColumn";
export { ParquetFileWriter } from "./parquetFileWriter";
