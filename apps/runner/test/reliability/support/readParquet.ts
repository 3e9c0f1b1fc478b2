import { parquetReadObjects } from "hyparquet";

/**
 * Every row of a Parquet file's bytes, as objects (hyparquet, independent of the writer). Throws on a
 * torn or corrupt file.
 *
 * @example
 * const rows = await readParquetRows(readFileSync("part-00000.parquet"));
 */
export async function readParquetRows(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  // A copy with its own ArrayBuffer: a Node Buffer may be a view into a larger shared pool.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return parquetReadObjects({ file: copy.buffer });
}
