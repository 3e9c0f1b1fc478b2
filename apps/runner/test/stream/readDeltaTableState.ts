import { type DeltaStorage, loadSnapshot } from "@pinpipe/delta";
import { readParquetRows } from "../reliability/support/readParquet";

/** What the latest version of a Delta table holds, read back through pinpipe's log reader and hyparquet. */
export interface DeltaTableState {
  /** The table's version, -1 when it does not exist. */
  readonly version: number;
  /** The `ind` of every row of the latest version, sorted. */
  readonly inds: number[];
  /** The last `txn` version of every application. */
  readonly txns: ReadonlyMap<string, number>;
  /** Data files stored under the table that the latest version does not reference. */
  readonly orphans: readonly string[];
  /** Referenced files missing from storage (a committed version must never have any). */
  readonly missing: readonly string[];
}

/**
 * Reads a table back: rows of every file its latest version references, its txns, and the data
 * files nothing references (left by killed or refused writers).
 *
 * @example
 * const state = await readDeltaTableState(localDeltaStorage(join(out, "tables", "pinpipe_pin_table")));
 */
export async function readDeltaTableState(storage: DeltaStorage): Promise<DeltaTableState> {
  const snapshot = await loadSnapshot(storage);
  if (snapshot === null) return { version: -1, inds: [], txns: new Map(), orphans: [], missing: [] };
  const inds: number[] = [];
  const missing: string[] = [];
  for (const path of snapshot.files.keys()) {
    const bytes = await storage.read(path);
    if (bytes === null) {
      missing.push(path);
      continue;
    }
    inds.push(...(await readParquetRows(bytes)).map((row) => Number(row.ind)));
  }
  const orphans = (await storage.listAll())
    .map((file) => file.path)
    .filter(
      (path) => path.endsWith(".parquet") && !path.startsWith("_delta_log/") && !snapshot.files.has(path),
    );
  return {
    version: snapshot.version,
    inds: inds.sort((a, b) => a - b),
    txns: snapshot.txns,
    orphans,
    missing,
  };
}
