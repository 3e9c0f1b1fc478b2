import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects } from "hyparquet";

/** Copies the file into an ArrayBuffer of its own, as hyparquet takes. */
function toArrayBuffer(file: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(file.length);
  new Uint8Array(buffer).set(file);
  return buffer;
}

/**
 * Reads every row with hyparquet; bigints become numbers, dates epoch milliseconds and missing
 * lists null, so rows compare directly with the values written.
 *
 * @example
 * await readWithHyparquet(file); // [{ ind: 1, title: "a" }]
 */
export async function readWithHyparquet(file: Uint8Array): Promise<Record<string, unknown>[]> {
  const rows = await parquetReadObjects({ file: toArrayBuffer(file) });
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === "bigint" ? Number(value) : value instanceof Date ? value.getTime() : (value ?? null),
      ]),
    ),
  );
}

/**
 * The file's metadata as hyparquet decodes it.
 *
 * @example
 * hyparquetMetadata(file).num_rows; // 3n
 */
export function hyparquetMetadata(file: Uint8Array): ReturnType<typeof parquetMetadata> {
  return parquetMetadata(toArrayBuffer(file));
}

/**
 * Runs `sql` in an in-memory DuckDB where `$file` names the given Parquet file (written to a
 * temporary folder, removed afterwards); rows come back as JSON objects.
 *
 * @example
 * await queryParquetWithDuckDb(file, "SELECT count(*) AS n FROM read_parquet($file)");
 */
export async function queryParquetWithDuckDb(
  file: Uint8Array,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), "pinpipe-parquet-"));
  const path = join(dir, "file.parquet");
  writeFileSync(path, file);
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql.replaceAll("$file", `'${path}'`));
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
