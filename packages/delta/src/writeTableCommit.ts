import { randomUUID } from "node:crypto";
import { type CommitOptions, commitTransaction } from "./commitTransaction";
import { dataFileUri } from "./dataFilePath";
import type { AddAction, DeltaAction, RemoveAction } from "./deltaActions";
import { DeltaConflictError, DeltaProtocolError } from "./deltaErrors";
import { checkWritable, type DeltaSnapshot, loadSnapshot } from "./deltaSnapshot";
import type { DeltaStorage } from "./deltaStorage";
import { type SparkField, sparkSchemaString } from "./sparkSchema";
import { CHECKPOINT_INTERVAL, writeCheckpoint } from "./writeCheckpoint";

/**
 * What a table is: its columns, partition columns and configuration (`delta.appendOnly` …).
 *
 * @example
 * const definition: TableDefinition = { name: "pin_table", fields, partitionColumns: ["category"] };
 */
export interface TableDefinition {
  readonly name?: string;
  readonly fields: readonly SparkField[];
  readonly partitionColumns: readonly string[];
  readonly configuration?: Readonly<Record<string, string>>;
}

/** A data file already stored under the table root, to add. */
export interface NewDataFile {
  /** Relative to the table root, `/`-separated, not URI-encoded (`category=a%2Fb/part-0.parquet`). */
  readonly path: string;
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly size: number;
  /** `fileStatsJson` of the file. */
  readonly stats: string;
  readonly modificationTime: number;
  /** `tags` of the add action (pinpipe marks a batch run's files with its run id). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One commit to make with {@link writeTableCommit}. */
export interface TableCommit {
  readonly add: readonly NewDataFile[];
  /** Picks active files of the snapshot read to remove in the same commit (a rerun replacing its files). */
  readonly remove?: (snapshot: DeltaSnapshot) => readonly AddAction[];
  /** `dataChange` of the adds and removes: false for a compaction that changes no rows. */
  readonly dataChange?: boolean;
  /**
   * An idempotent write: skipped when the table already holds this application's version. With
   * `follows`, a conditional one too: made only while the application's last version in the table
   * is `follows` (0 standing for none), so a writer that lost its place to another (a consumer
   * whose partition moved) cannot commit on top of the new owner's versions.
   */
  readonly txn?: { readonly appId: string; readonly version: number; readonly follows?: number };
  /** `commitInfo.operation` (default `WRITE`) and its parameters. */
  readonly operation?: string;
  readonly operationParameters?: Readonly<Record<string, string>>;
  readonly conflictsWith?: CommitOptions["conflictsWith"];
  /** The time written into the actions (default now). */
  readonly now?: number;
}

/** What {@link writeTableCommit} did. */
export interface TableCommitOutcome {
  /** The version committed, or the table's version when the `txn` was already there. */
  readonly version: number;
  /**
   * False when the `txn` version was already committed, or the application's version was not the
   * one `txn.follows` names (nothing was written either way).
   */
  readonly committed: boolean;
  readonly added: number;
  readonly removed: number;
  readonly retries: number;
}

/** Whether a snapshot's version of the application is the one the `txn` follows (when it names one). */
function followsTxn(snapshot: DeltaSnapshot | null, txn: TableCommit["txn"]): boolean {
  if (txn?.follows === undefined) return true;
  return (snapshot?.txns.get(txn.appId) ?? 0) === txn.follows;
}

/**
 * Commits data files to a Delta table, creating it on the first commit (reader 1 / writer 2,
 * the definition's schema, partition columns and configuration): the files added, the ones
 * `remove` picks removed, an optional `txn`, and `commitInfo`, all in one put-if-absent commit
 * retried past concurrent appends (see `commitTransaction`). Every tenth version also gets a
 * checkpoint. A `txn` with `follows` is checked in the snapshot the commit is made on and again
 * after a lost race to a commit of the same application (the re-read log decides): another
 * version of it there means `committed: false`, not an error. Refuses, with a
 * {@link DeltaProtocolError} or an Error, a table of a newer protocol,
 * of another schema or partitioning, or removing rows from an append-only table.
 *
 * @example
 * await writeTableCommit(storage, definition, { add: [file], operation: "WRITE" });
 */
export async function writeTableCommit(
  storage: DeltaStorage,
  definition: TableDefinition,
  commit: TableCommit,
): Promise<TableCommitOutcome> {
  const now = commit.now ?? Date.now();
  const snapshot = await loadSnapshot(storage);
  const schemaString = sparkSchemaString(definition.fields);
  const actions: DeltaAction[] = [];
  const configuration = definition.configuration ?? {};
  if (snapshot === null) {
    actions.push({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
    actions.push({
      metaData: {
        id: randomUUID(),
        name: definition.name ?? null,
        description: null,
        format: { provider: "parquet", options: {} },
        schemaString,
        partitionColumns: [...definition.partitionColumns],
        configuration,
        createdTime: now,
      },
    });
  } else {
    checkWritable(snapshot.protocol);
    if (snapshot.metadata.schemaString !== schemaString) {
      throw new DeltaProtocolError(`${storage.location} holds a table of another schema`);
    }
    if (JSON.stringify(snapshot.metadata.partitionColumns) !== JSON.stringify(definition.partitionColumns)) {
      throw new DeltaProtocolError(
        `${storage.location} is partitioned by [${snapshot.metadata.partitionColumns.join(", ")}], not [${definition.partitionColumns.join(", ")}]`,
      );
    }
    if (commit.txn !== undefined && (snapshot.txns.get(commit.txn.appId) ?? -1) >= commit.txn.version) {
      return { version: snapshot.version, committed: false, added: 0, removed: 0, retries: 0 };
    }
  }
  if (!followsTxn(snapshot, commit.txn)) {
    return { version: snapshot?.version ?? -1, committed: false, added: 0, removed: 0, retries: 0 };
  }
  const dataChange = commit.dataChange ?? true;
  const removed = snapshot === null || commit.remove === undefined ? [] : commit.remove(snapshot);
  const appendOnly = (snapshot?.metadata.configuration ?? configuration)["delta.appendOnly"] === "true";
  if (appendOnly && dataChange && removed.length > 0) {
    throw new Error(`${storage.location} is append-only (delta.appendOnly): rows cannot be removed`);
  }
  if (commit.txn !== undefined) {
    actions.push({ txn: { appId: commit.txn.appId, version: commit.txn.version, lastUpdated: now } });
  }
  for (const file of removed) {
    const remove: RemoveAction = {
      path: file.path,
      deletionTimestamp: now,
      dataChange,
      extendedFileMetadata: true,
      partitionValues: file.partitionValues,
      size: file.size,
    };
    actions.push({ remove });
  }
  for (const file of commit.add) {
    actions.push({
      add: {
        path: dataFileUri(file.path),
        partitionValues: file.partitionValues,
        size: file.size,
        modificationTime: file.modificationTime,
        dataChange,
        stats: file.stats,
        ...(file.tags === undefined ? {} : { tags: file.tags }),
      },
    });
  }
  actions.push({
    commitInfo: {
      timestamp: now,
      operation: commit.operation ?? "WRITE",
      operationParameters: commit.operationParameters ?? {
        mode: removed.length > 0 ? "Overwrite" : "Append",
      },
      isBlindAppend: removed.length === 0,
      engineInfo: "pinpipe",
      txnId: randomUUID(),
    },
  });
  const options: CommitOptions =
    commit.conflictsWith === undefined ? {} : { conflictsWith: commit.conflictsWith };
  let outcome: Awaited<ReturnType<typeof commitTransaction>>;
  try {
    outcome = await commitTransaction(storage, snapshot?.version ?? -1, actions, options);
  } catch (error) {
    // A race lost to a commit of the same application: the log read again says whether this
    // writer lost its place (refused quietly) or something else conflicts (thrown).
    if (!(error instanceof DeltaConflictError) || commit.txn?.follows === undefined) throw error;
    const latest = await loadSnapshot(storage);
    if (followsTxn(latest, commit.txn)) throw error;
    return { version: latest?.version ?? -1, committed: false, added: 0, removed: 0, retries: 0 };
  }
  if (outcome.version > 0 && outcome.version % CHECKPOINT_INTERVAL === 0) {
    const at = await loadSnapshot(storage, { version: outcome.version });
    if (at !== null) await writeCheckpoint(storage, at);
  }
  return {
    version: outcome.version,
    committed: true,
    added: commit.add.length,
    removed: removed.length,
    retries: outcome.retries,
  };
}
