/**
 * Public API of @pinpipe/delta: Delta Lake tables written against the Delta protocol (reader 1 /
 * writer 2): actions, put-if-absent commits with conflict checks and retries, snapshots from JSON
 * commits and Parquet checkpoints, checkpoints every ten commits, on local folders (and any
 * storage implementing `DeltaStorage`).
 *
 * @module @pinpipe/delta
 */

export { readCleanColumns } from "./cleanRowsCodec";
export { cleanTableDefinition, cleanTableFields } from "./cleanTableDefinition";
export { commitBatchRun, RUN_ID_TAG } from "./commitBatchRun";
export type { CommitOptions, CommitOutcome } from "./commitTransaction";
export { commitTransaction } from "./commitTransaction";
export { dataFileUri, filePathOfUri, partitionValueText } from "./dataFilePath";
export type {
  AddAction,
  CommitInfoAction,
  DeltaAction,
  MetadataAction,
  ProtocolAction,
  RemoveAction,
  TxnAction,
} from "./deltaActions";
export { commitText } from "./deltaActions";
export { DeltaConflictError, DeltaLogError, DeltaProtocolError } from "./deltaErrors";
export type { DeltaSnapshot, LoadSnapshotOptions } from "./deltaSnapshot";
export {
  checkReadable,
  checkWritable,
  loadSnapshot,
  readCommitActions,
  SUPPORTED_READER_VERSION,
  SUPPORTED_WRITER_VERSION,
} from "./deltaSnapshot";
export type { DeltaStorage, StoredFile } from "./deltaStorage";
export type { ColumnStats, StatsColumnType } from "./fileStats";
export { fileStatsJson, STATS_STRING_PREFIX } from "./fileStats";
export { localDeltaStorage } from "./localDeltaStorage";
export type { LogFile } from "./logFileNames";
export { checkpointFileName, commitFileName, DELTA_LOG, parseLogFileName } from "./logFileNames";
export type { OptimizeOptions, OptimizeOutcome } from "./optimizeCleanTable";
export { optimizeCleanTable } from "./optimizeCleanTable";
export type { CleanFileFacts } from "./parquetFooterStats";
export { cleanFileFacts } from "./parquetFooterStats";
export { parseCommit } from "./parseCommit";
export { readCheckpointActions } from "./readCheckpoint";
export { s3DeltaStorage } from "./s3DeltaStorage";
export type { SparkDataType, SparkField } from "./sparkSchema";
export { sparkSchemaString } from "./sparkSchema";
export type { VacuumOptions } from "./vacuumTable";
export { vacuumTable } from "./vacuumTable";
export { CHECKPOINT_INTERVAL, checkpointRows, writeCheckpoint } from "./writeCheckpoint";
export type { NewDataFile, TableCommit, TableCommitOutcome, TableDefinition } from "./writeTableCommit";
export { writeTableCommit } from "./writeTableCommit";
