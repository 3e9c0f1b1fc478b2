import type { ColumnValues, ParquetColumn, ParquetWriterOptions } from "./parquetColumn";
import { ParquetFileWriter } from "./parquetFileWriter";

/**
 * A whole Parquet file with all `length` rows in one row group.
 *
 * @example
 * const file = encodeParquetFile(
 *   [{ name: "x", type: "double" }],
 *   { createdBy: "pinpipe" },
 *   [{ kind: "numbers", values: new Float64Array([1.5, Number.NaN]) }],
 *   2,
 * );
 */
export function encodeParquetFile(
  columns: readonly ParquetColumn[],
  options: ParquetWriterOptions,
  values: readonly ColumnValues[],
  length: number,
): Uint8Array {
  const writer = new ParquetFileWriter(columns, options);
  const body = writer.writeRowGroup(values, length);
  const footer = writer.finish();
  const file = new Uint8Array(body.length + footer.length);
  file.set(body);
  file.set(footer, body.length);
  return file;
}
