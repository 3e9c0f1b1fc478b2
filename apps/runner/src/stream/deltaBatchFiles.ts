import type { RawTableName } from "@pinpipe/analytics";
import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import { PartitionedTableWriter } from "@pinpipe/core";
import { cleanFileFacts, type NewDataFile } from "@pinpipe/delta";
import type { BatchObjectName } from "./batchObjectName";
import { formatPosition } from "./streamPosition";

/**
 * A data file of a micro-batch for its Delta table: the bytes to store at `file.path` under the
 * table root, and the `add` it becomes.
 *
 * @example
 * await storage.put(entry.file.path, entry.bytes);
 */
export interface DeltaBatchFile {
  readonly bytes: Uint8Array;
  readonly file: NewDataFile;
}

/**
 * Splits a micro-batch's clean rows by the table's partition (the batch layout's Hive folders)
 * and encodes one Parquet file per partition, named
 * `<folder>/part-<n>-<shardId>-<first>_<last>-<attempt>.parquet`: `attempt` (fresh per process)
 * makes every attempt's names new, so a file a committed version references is never written
 * again, and a file a killed attempt left uncommitted is an orphan nothing will reference.
 * Statistics and partition values come from each file's footer, as for batch.
 *
 * @example
 * const files = deltaBatchFiles("pin", rows, name, "1a2b3c4d", Date.now());
 * files.map((entry) => entry.file.path); // ["category=art/part-00000-shardId-000000000000-1_9-1a2b3c4d.parquet", …]
 */
export function deltaBatchFiles(
  table: RawTableName,
  rows: CleanRowBatch,
  name: BatchObjectName,
  attempt: string,
  now: number,
): DeltaBatchFile[] {
  if (rows.length === 0) return [];
  const writer = new PartitionedTableWriter(table);
  const written = [...writer.add(rows, null), ...writer.finish()];
  const suffix = `${name.shardId}-${formatPosition(name.first)}_${formatPosition(name.last)}-${attempt}`;
  return written.map((tableFile) => {
    const facts = cleanFileFacts(table, tableFile.bytes);
    return {
      bytes: tableFile.bytes,
      file: {
        path: tableFile.path.replace(/\.parquet$/, `-${suffix}.parquet`),
        partitionValues: facts.partitionValues,
        size: tableFile.bytes.length,
        stats: facts.stats,
        modificationTime: now,
      },
    };
  });
}
