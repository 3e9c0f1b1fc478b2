import { filePathOfUri } from "./dataFilePath";
import { commitText, type DeltaAction } from "./deltaActions";
import { DeltaConflictError } from "./deltaErrors";
import { checkWritable, readCommitActions } from "./deltaSnapshot";
import type { DeltaStorage } from "./deltaStorage";
import { commitFileName, DELTA_LOG } from "./logFileNames";

/** Options of {@link commitTransaction}. */
export interface CommitOptions {
  /**
   * A further conflict rule: given the actions of a commit that won a version this transaction
   * tried, the reason they conflict with it, or null. (Batch reruns use it: a concurrent commit
   * adding files of the same run.)
   */
  readonly conflictsWith?: (winner: readonly DeltaAction[]) => string | null;
  /** How many lost races to tolerate before giving up (default 1000). */
  readonly maxAttempts?: number;
}

/** What {@link commitTransaction} did. */
export interface CommitOutcome {
  /** The version the actions were committed as. */
  readonly version: number;
  /** Versions other writers won first (each re-read and checked for conflicts). */
  readonly retries: number;
}

const utf8 = new TextEncoder();

function sameShape(a: DeltaAction, b: DeltaAction): boolean {
  return (
    "metaData" in a &&
    "metaData" in b &&
    a.metaData.schemaString === b.metaData.schemaString &&
    JSON.stringify(a.metaData.partitionColumns) === JSON.stringify(b.metaData.partitionColumns) &&
    JSON.stringify(a.metaData.configuration) === JSON.stringify(b.metaData.configuration)
  );
}

/** The `commitInfo.txnId` of a commit's actions, if it has one. */
function txnIdOf(actions: readonly DeltaAction[]): string | undefined {
  for (const action of actions) {
    if ("commitInfo" in action && typeof action.commitInfo.txnId === "string") return action.commitInfo.txnId;
  }
  return undefined;
}

/**
 * Decides whether this transaction can be retried after `winner` took the version: the actions
 * to try next (the same ones, or without the table creation when the winner created the same
 * table), or a {@link DeltaConflictError}.
 */
function rebase(
  ours: readonly DeltaAction[],
  winner: readonly DeltaAction[],
  version: number,
): DeltaAction[] {
  const ourMetadata = ours.find((action) => "metaData" in action);
  const ourRemoves = new Set(
    ours.flatMap((action) => ("remove" in action ? [filePathOfUri(action.remove.path)] : [])),
  );
  const ourAdds = new Set(
    ours.flatMap((action) => ("add" in action ? [filePathOfUri(action.add.path)] : [])),
  );
  const ourApps = new Set(ours.flatMap((action) => ("txn" in action ? [action.txn.appId] : [])));
  let next = [...ours];
  for (const action of winner) {
    if ("protocol" in action) checkWritable(action.protocol);
    if ("metaData" in action) {
      if (ourMetadata === undefined || !sameShape(ourMetadata, action)) {
        throw new DeltaConflictError(`version ${version} changed the table's metadata concurrently`);
      }
      // The winner created the same table: ours becomes an append to it.
      next = next.filter((mine) => !("metaData" in mine) && !("protocol" in mine));
    }
    if ("remove" in action && ourRemoves.has(filePathOfUri(action.remove.path))) {
      throw new DeltaConflictError(
        `version ${version} removed ${action.remove.path}, which this commit removes too`,
      );
    }
    if ("add" in action && ourAdds.has(filePathOfUri(action.add.path))) {
      throw new DeltaConflictError(`version ${version} added ${action.add.path}, which this commit adds too`);
    }
    if ("txn" in action && ourApps.has(action.txn.appId)) {
      throw new DeltaConflictError(
        `version ${version} committed for application ${action.txn.appId} (txn version ${action.txn.version}) concurrently`,
      );
    }
  }
  return next;
}

/**
 * Commits actions as the next version of a table's log, put-if-absent: `readVersion` is the
 * version the transaction read (-1 for a new table). When another writer took the version
 * first, its commit is read and checked: no conflict (plain appends by both) → the same actions
 * are tried at the next version; a conflict (it removed a file this removes, added one this adds,
 * changed the metadata, committed for the same `txn` application, or `conflictsWith` says so) →
 * a {@link DeltaConflictError}, and nothing is written. A commit is never overwritten. A version
 * holding this very commit (the same `commitInfo.txnId`: a write whose answer was lost, then
 * retried) is this commit's, not a conflict.
 *
 * @example
 * const { version } = await commitTransaction(storage, snapshot?.version ?? -1, [{ add }, { commitInfo }]);
 */
export async function commitTransaction(
  storage: DeltaStorage,
  readVersion: number,
  actions: readonly DeltaAction[],
  options: CommitOptions = {},
): Promise<CommitOutcome> {
  const maxAttempts = options.maxAttempts ?? 1000;
  let attempt = [...actions];
  let version = readVersion + 1;
  for (let retries = 0; retries < maxAttempts; retries++) {
    const created = await storage.putIfAbsent(
      `${DELTA_LOG}/${commitFileName(version)}`,
      utf8.encode(commitText(attempt)),
    );
    if (created) return { version, retries };
    const winner = await readCommitActions(storage, version);
    if (winner === null) continue; // Vanished between the attempt and the read: try it again.
    // Our own commit: the write succeeded but its answer was lost and a retry found the name taken
    // (S3 answers a repeated conditional PutObject with 412). It is committed.
    const ours = txnIdOf(attempt);
    if (ours !== undefined && txnIdOf(winner) === ours) return { version, retries };
    attempt = rebase(attempt, winner, version);
    const reason = options.conflictsWith?.(winner) ?? null;
    if (reason !== null) throw new DeltaConflictError(`version ${version}: ${reason}`);
    version++;
  }
  throw new DeltaConflictError(`gave up after ${maxAttempts} versions taken by other writers`);
}
