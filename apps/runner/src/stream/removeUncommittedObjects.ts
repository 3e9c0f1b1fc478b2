import type { KinesisCheckpoint } from "@pinpipe/ingest";
import type { OutputSink } from "../output/index";
import { parseBatchObjectPath } from "./batchObjectName";
import { isCovered } from "./streamPosition";

/**
 * Removes, under each of `folders`, the micro-batch objects the checkpoint does not cover — those a
 * crashed run wrote after its last checkpoint — and leftovers of interrupted local writes
 * (`*.tmp-*`). The restart then writes those records again from the checkpoint, so every record is
 * in exactly one committed object whatever the new batch boundaries are. Returns how many files
 * were removed.
 *
 * @example
 * await removeUncommittedObjects(sink, ["stream/tables/pin", "stream/rejected/pin"], checkpoint.kinesis);
 */
export async function removeUncommittedObjects(
  sink: OutputSink,
  folders: readonly string[],
  checkpoint: KinesisCheckpoint | undefined,
): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    for (const path of await sink.list(`${folder}/`)) {
      const name = parseBatchObjectPath(path);
      const leftover = name === undefined && /\.tmp-[^/]*$/.test(path);
      const uncommitted = name !== undefined && !isCovered(name.last, checkpoint?.shards[name.shardId]);
      if (leftover || uncommitted) {
        await sink.remove(path);
        removed++;
      }
    }
  }
  return removed;
}
