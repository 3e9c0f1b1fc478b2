import { randomBytes } from "node:crypto";
import type { RawTableName } from "@pinpipe/analytics";
import { CLEAN_TABLE_PARQUET_COLUMNS, PARQUET_CREATED_BY } from "@pinpipe/core";
import { ParquetFileWriter } from "@pinpipe/parquet";
import { readCleanColumns } from "./cleanRowsCodec";
import { cleanTableDefinition } from "./cleanTableDefinition";
import { RUN_ID_TAG } from "./commitBatchRun";
import type { AddAction } from "./deltaActions";
import { DeltaConflictError } from "./deltaErrors";
import { loadSnapshot } from "./deltaSnapshot";
import type { DeltaStorage } from "./deltaStorage";
import { cleanFileFacts } from "./parquetFooterStats";
import { type NewDataFile, writeTableCommit } from "./writeTableCommit";

/** Options of {@link optimizeCleanTable}. */
export interface OptimizeOptions {
  /** Files at least this large are left alone (default 64 MiB). */
  readonly smallFileBytes?: number;
  /** The time written into the actions (default now). */
  readonly now?: number;
}

/** What {@link optimizeCleanTable} did. */
export interface OptimizeOutcome {
  /** The version committed, or null when there was nothing to compact. */
  readonly version: number | null;
  readonly removed: number;
  readonly added: number;
  readonly rows: number;
}

/** Small files that may become one: same partition and same batch run (reruns replace by run). */
function groupKey(add: AddAction): string {
  return JSON.stringify([add.partitionValues, add.tags?.[RUN_ID_TAG] ?? null]);
}

/**
 * Compacts a clean table's small files: those of one partition and one run (so a rerun can still
 * replace its own rows) are rewritten, in path order, as one file, and committed as `OPTIMIZE`
 * with `dataChange: false` (readers of changes skip it, append-only tables allow it): the new file
 * added, the old ones removed. Safe with a concurrent appending writer (its files are not touched);
 * a concurrent commit that removed one of the compacted files (a rerun) fails it with a
 * `DeltaConflictError` before anything is referenced. The old files stay for time travel until
 * `vacuumTable`.
 *
 * @example
 * const { removed, added } = await optimizeCleanTable(storage, "pin", "pinpipe");
 */
export async function optimizeCleanTable(
  storage: DeltaStorage,
  table: RawTableName,
  prefix: string,
  options: OptimizeOptions = {},
): Promise<OptimizeOutcome> {
  const smallFileBytes = options.smallFileBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now();
  const snapshot = await loadSnapshot(storage);
  if (snapshot === null) return { version: null, removed: 0, added: 0, rows: 0 };
  const groups = new Map<string, [string, AddAction][]>();
  for (const [path, add] of [...snapshot.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (add.size >= smallFileBytes) continue;
    const key = groupKey(add);
    groups.set(key, [...(groups.get(key) ?? []), [path, add]]);
  }
  const token = randomBytes(4).toString("hex");
  const added: NewDataFile[] = [];
  const replaced = new Set<string>();
  let rows = 0;
  for (const files of groups.values()) {
    if (files.length < 2) continue;
    const writer = new ParquetFileWriter(CLEAN_TABLE_PARQUET_COLUMNS[table], {
      createdBy: PARQUET_CREATED_BY,
    });
    const chunks: Uint8Array[] = [];
    for (const [path] of files) {
      const bytes = await storage.read(path);
      if (bytes === null) throw new DeltaConflictError(`${path} is referenced by the table but missing`);
      const { columns, length } = await readCleanColumns(table, bytes);
      chunks.push(writer.writeRowGroup(columns, length));
      replaced.add(path);
    }
    chunks.push(writer.finish());
    const bytes = Buffer.concat(chunks);
    const [firstPath, first] = files[0]!;
    const folder = firstPath.includes("/") ? firstPath.slice(0, firstPath.lastIndexOf("/") + 1) : "";
    const path = `${folder}part-optimized-${token}-${String(added.length).padStart(5, "0")}.parquet`;
    await storage.put(path, bytes);
    const facts = cleanFileFacts(table, bytes);
    rows += facts.numRecords;
    added.push({
      path,
      partitionValues: first.partitionValues,
      size: bytes.length,
      stats: facts.stats,
      modificationTime: now,
      ...(first.tags ? { tags: first.tags } : {}),
    });
  }
  if (added.length === 0) return { version: null, removed: 0, added: 0, rows: 0 };
  const outcome = await writeTableCommit(storage, cleanTableDefinition(table, prefix), {
    add: added,
    remove: (current) => {
      const found = [...current.files].filter(([path]) => replaced.has(path));
      if (found.length !== replaced.size) {
        throw new DeltaConflictError("files chosen for compaction were removed by a commit since");
      }
      return found.map(([, add]) => add);
    },
    dataChange: false,
    operation: "OPTIMIZE",
    operationParameters: { predicate: "[]", zOrderBy: "[]" },
    now,
  });
  return { version: outcome.version, removed: outcome.removed, added: added.length, rows };
}
