import type { RawTableName } from "@pinpipe/analytics";
import { CLEAN_TABLE_PARQUET_COLUMNS } from "@pinpipe/core";
import type { ColumnValues } from "@pinpipe/parquet";
import { parquetReadObjects } from "hyparquet";

const utf8 = new TextEncoder();

function numberOf(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  return Number(value);
}

/**
 * Reads the rows of a clean table's Parquet file back into the column values its writer takes
 * (in the order of `CLEAN_TABLE_PARQUET_COLUMNS`), so files can be rewritten (compaction).
 *
 * @example
 * const { columns, length } = await readCleanColumns("user", bytes);
 */
export async function readCleanColumns(
  table: RawTableName,
  bytes: Uint8Array,
): Promise<{ readonly columns: ColumnValues[]; readonly length: number }> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  const columns = CLEAN_TABLE_PARQUET_COLUMNS[table].map((column): ColumnValues => {
    const values = rows.map((row) => row[column.name]);
    if (column.type === "utf8") {
      const parts = values.map((value) =>
        typeof value === "string" ? utf8.encode(value) : new Uint8Array(),
      );
      const offsets = new Int32Array(rows.length + 1);
      parts.forEach((part, i) => {
        offsets[i + 1] = offsets[i]! + part.length;
      });
      const joined = new Uint8Array(offsets[rows.length]!);
      parts.forEach((part, i) => {
        joined.set(part, offsets[i]!);
      });
      const valid = Uint8Array.from(values, (value) => (typeof value === "string" ? 1 : 0));
      return { kind: "utf8", offsets, bytes: joined, valid };
    }
    if (column.type === "double-pair") {
      const pair = (value: unknown, i: number) => (Array.isArray(value) ? numberOf(value[i]) : Number.NaN);
      return {
        kind: "pairs",
        first: Float64Array.from(values, (value) => pair(value, 0)),
        second: Float64Array.from(values, (value) => pair(value, 1)),
      };
    }
    return { kind: "numbers", values: Float64Array.from(values, numberOf) };
  });
  return { columns, length: rows.length };
}
