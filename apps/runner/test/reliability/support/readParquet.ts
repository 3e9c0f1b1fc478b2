import { createHash } from "node:crypto";
import { parquetReadObjects } from "hyparquet";

/** Rows of files already decoded, by the sha256 of their bytes: crash loops re-check the same files. */
const decoded = new Map<string, Record<string, unknown>[]>();

/**
 * Every row of a Parquet file's bytes, as objects (hyparquet, independent of the writer). Throws on a
 * torn or corrupt file. Bytes seen before are not decoded again.
 *
 * @example
 * const rows = await readParquetRows(readFileSync("part-00000.parquet"));
 */
export async function readParquetRows(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const known = decoded.get(hash);
  if (known !== undefined) return known;
  // A copy with its own ArrayBuffer: a Node Buffer may be a view into a larger shared pool.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const rows = await parquetReadObjects({ file: copy.buffer });
  decoded.set(hash, rows);
  return rows;
}
