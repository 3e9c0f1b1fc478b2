import type { DeltaAction } from "./deltaActions";
import type { DeltaStorage } from "./deltaStorage";
import {
  type NewDataFile,
  type TableCommitOutcome,
  type TableDefinition,
  writeTableCommit,
} from "./writeTableCommit";

/** The `add` tag naming the batch run a file belongs to. */
export const RUN_ID_TAG = "pinpipe.runId";

/**
 * Commits one batch run's files to a table in one commit: they are added (tagged with the run
 * id), and the files an earlier run of the same id added are removed in the same commit, so a
 * rerun replaces its rows instead of duplicating them and the history keeps both versions. Runs
 * of other ids are untouched, so concurrent runs of different ids both land; a concurrent commit
 * of the same run id is a conflict (`DeltaConflictError`).
 *
 * @example
 * await commitBatchRun(storage, cleanTableDefinition("pin", "pinpipe"), "2026-11-23", files);
 */
export function commitBatchRun(
  storage: DeltaStorage,
  definition: TableDefinition,
  runId: string,
  files: readonly NewDataFile[],
  now?: number,
): Promise<TableCommitOutcome> {
  const ofRun = (tags: Readonly<Record<string, string>> | null | undefined) => tags?.[RUN_ID_TAG] === runId;
  return writeTableCommit(storage, definition, {
    add: files.map((file) => ({ ...file, tags: { ...file.tags, [RUN_ID_TAG]: runId } })),
    remove: (snapshot) => [...snapshot.files.values()].filter((add) => ofRun(add.tags)),
    operation: "WRITE",
    operationParameters: { mode: "Append", runId },
    conflictsWith: (winner: readonly DeltaAction[]) =>
      winner.some((action) => "add" in action && ofRun(action.add.tags))
        ? `another writer committed files of run ${runId} at the same time`
        : null,
    ...(now === undefined ? {} : { now }),
  });
}
