import { commitTransaction } from "./commitTransaction";
import { loadSnapshot } from "./deltaSnapshot";
import type { DeltaStorage } from "./deltaStorage";

/** Options of {@link vacuumTable}. */
export interface VacuumOptions {
  /** Files unreferenced for less than this are kept, for readers of recent versions and writers between placing files and committing (default 7 days). */
  readonly retentionMs?: number;
  readonly now?: number;
  /** List what would be deleted without deleting. */
  readonly dryRun?: boolean;
}

/**
 * Deletes data files no version newer than the retention period references: files not in the
 * current snapshot whose removal (or, for files never committed, whose last modification) is
 * older than `retentionMs`. The log is never touched. Records the vacuum as a commit
 * (`VACUUM END`, `commitInfo` only, like Spark). A concurrent writer's files, modified within the
 * retention period, are kept.
 *
 * @example
 * const { deleted } = await vacuumTable(storage, { retentionMs: 0 }); // everything unreferenced
 */
export async function vacuumTable(
  storage: DeltaStorage,
  options: VacuumOptions = {},
): Promise<{ readonly deleted: readonly string[]; readonly version: number | null }> {
  const retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now();
  const snapshot = await loadSnapshot(storage);
  if (snapshot === null) return { deleted: [], version: null };
  const cutoff = now - retentionMs;
  const deleted: string[] = [];
  for (const file of await storage.listAll()) {
    if (file.path.startsWith("_delta_log/") || snapshot.files.has(file.path)) continue;
    const tombstone = snapshot.tombstones.get(file.path);
    const since = tombstone?.deletionTimestamp ?? file.modificationTime;
    if (since > cutoff || file.modificationTime > cutoff) continue;
    deleted.push(file.path);
  }
  if (options.dryRun === true) return { deleted, version: null };
  for (const path of deleted) await storage.remove(path);
  const outcome = await commitTransaction(storage, snapshot.version, [
    {
      commitInfo: {
        timestamp: now,
        operation: "VACUUM END",
        operationParameters: { status: "COMPLETED" },
        operationMetrics: { numDeletedFiles: String(deleted.length) },
        engineInfo: "pinpipe",
      },
    },
  ]);
  return { deleted, version: outcome.version };
}
