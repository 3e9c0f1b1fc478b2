/**
 * Public API of @pinpipe/core: what every pinpipe job (batch, stream) composes after reading and
 * cleaning: Hive-partitioned Parquet tables written in streamed row groups, and rejected records
 * kept with their exact bytes.
 *
 * @module @pinpipe/core
 */

export type {
  BatchManifest,
  BatchRunOptions,
  ManifestFile,
  ManifestOptions,
  SkippedFile,
} from "./batchManifest";
export { BATCH_MANIFEST_FORMAT, manifestText } from "./batchManifest";
export { CLEAN_TABLE_PARQUET_COLUMNS, PARQUET_CREATED_BY } from "./cleanTableParquetColumns";
export type { CleanTablesOutcome, CleanTablesSinkOptions, OutputFile } from "./cleanTablesSink";
export { CleanTablesSink } from "./cleanTablesSink";
export { concatCleanRowBatches } from "./concatCleanRowBatches";
export { HIVE_DEFAULT_PARTITION, hivePartitionSegment, MAX_SEGMENT_BYTES } from "./hivePartitionSegment";
export type { PartitionedTableWriterOptions, TableFile } from "./partitionedTableWriter";
export { PartitionedTableWriter } from "./partitionedTableWriter";
export type { RecordPosition } from "./rejectedRecordLine";
export { rawOf, rejectedRecordLine } from "./rejectedRecordLine";
export { RESULT_COLUMNS, resultCsv, resultJson } from "./resultFiles";
export type { BatchPartitions } from "./tablePartitioning";
export { PARTITION_COLUMNS, partitionRows } from "./tablePartitioning";
