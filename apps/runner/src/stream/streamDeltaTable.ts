import {
  type DeltaStorage,
  loadSnapshot,
  type NewDataFile,
  readCommitActions,
  type TableCommit,
  type TableDefinition,
  writeTableCommit,
} from "@pinpipe/delta";
import type { BatchObjectName } from "./batchObjectName";
import { formatPosition, parsePosition } from "./streamPosition";

/**
 * The Delta table a stream writes its clean records to, and the application id its commits carry
 * in their `txn` action (one per stream job and table, see {@link streamAppId}).
 *
 * @example
 * const target: StreamDeltaTable = { storage, definition: cleanTableDefinition("pin", "pinpipe"), appId: streamAppId("pinpipe-pin") };
 */
export interface StreamDeltaTable {
  readonly storage: DeltaStorage;
  readonly definition: TableDefinition;
  readonly appId: string;
}

/**
 * A micro-batch the table holds (its `txn` version is there) that the stream's checkpoint does not
 * count yet: the run that committed it died before checkpointing. The restart replays exactly these
 * records (`shardId`, from the checkpoint's position to `last`) and does not commit them again.
 *
 * @example
 * const pending: CommittedBatch = { batch: 8, tableVersion: 12, shardId: "shardId-000000000001", first: { sequenceNumber: "5" }, last: { sequenceNumber: "9" } };
 */
export interface CommittedBatch extends BatchObjectName {
  /** The micro-batch number, the `txn` version. */
  readonly batch: number;
  /** The table version that holds it. */
  readonly tableVersion: number;
}

/**
 * The `txn` application id of a stream's commits: the stream names the job's source and table, so a
 * second job reading the same stream into the same table is the same application (and its commits
 * conflict instead of duplicating rows).
 *
 * @example
 * streamAppId("pinpipe-pin"); // "pinpipe-stream/pinpipe-pin"
 */
export function streamAppId(stream: string): string {
  return `pinpipe-stream/${stream}`;
}

/** A stream's table and checkpoint that cannot both be right. */
export class StreamDeltaError extends Error {
  override readonly name = "StreamDeltaError";
}

/**
 * Compares the table's last `txn` version of the stream with the number of micro-batches its
 * checkpoint counts (`checkpointBatches`): equal → nothing pending (undefined); one more → the batch
 * committed by a run killed before its checkpoint, read back from that commit's `commitInfo`
 * (shard and positions). Anything else means the table and the checkpoint belong to different
 * histories (a table deleted or replaced, a checkpoint of a `--format parquet` run): a
 * {@link StreamDeltaError} saying so, and nothing is written.
 *
 * @example
 * const pending = await findCommittedBatch(target, checkpoint.totals.batches);
 */
export async function findCommittedBatch(
  target: StreamDeltaTable,
  checkpointBatches: number,
): Promise<CommittedBatch | undefined> {
  const snapshot = await loadSnapshot(target.storage);
  const committed = snapshot?.txns.get(target.appId) ?? 0;
  if (committed === checkpointBatches) return undefined;
  if (committed !== checkpointBatches + 1) {
    throw new StreamDeltaError(
      `${target.storage.location} holds micro-batches 1 to ${committed} of ${target.appId} but the stream's checkpoint counts ${checkpointBatches}: they do not belong together (a table replaced or deleted, or a checkpoint written with --format parquet); use another --out or --table-prefix`,
    );
  }
  // The newest commit of this application is among the last ones: search back from the end.
  for (let version = snapshot!.version; version >= 0; version--) {
    const actions = await readCommitActions(target.storage, version);
    if (actions === null) break;
    const txn = actions.find((action) => "txn" in action && action.txn.appId === target.appId);
    if (txn === undefined || !("txn" in txn) || txn.txn.version !== committed) continue;
    const info = actions.find((action) => "commitInfo" in action);
    const parameters = (
      info !== undefined && "commitInfo" in info ? info.commitInfo.operationParameters : null
    ) as Record<string, unknown> | null | undefined;
    const shardId = parameters?.shardId;
    const first = typeof parameters?.first === "string" ? parsePosition(parameters.first) : undefined;
    const last = typeof parameters?.last === "string" ? parsePosition(parameters.last) : undefined;
    if (typeof shardId !== "string" || first === undefined || last === undefined) {
      throw new StreamDeltaError(
        `version ${version} of ${target.storage.location} commits micro-batch ${committed} of ${target.appId} without its shard and positions in commitInfo.operationParameters`,
      );
    }
    return { batch: committed, tableVersion: version, shardId, first, last };
  }
  throw new StreamDeltaError(
    `${target.storage.location} says micro-batch ${committed} of ${target.appId} is committed but no commit in its log holds it`,
  );
}

/**
 * The commit of one stream micro-batch: its data files (already stored in the table) as `add`s, a
 * `txn` action (`appId`, `version`; with `follows`, made only while the application's version is
 * that one) and a `STREAMING UPDATE` commitInfo naming the shard and positions the batch holds, so
 * a restart can replay the same records without committing them twice. The Kinesis and Kafka
 * streams both commit this shape.
 *
 * @example
 * await writeTableCommit(target.storage, target.definition, streamBatchCommit(target, { version: 9 }, name, files, Date.now()));
 */
export function streamBatchCommit(
  target: StreamDeltaTable,
  txn: { readonly version: number; readonly follows?: number },
  name: BatchObjectName,
  files: readonly NewDataFile[],
  now: number,
): TableCommit {
  return {
    add: files,
    txn: { appId: target.appId, ...txn },
    operation: "STREAMING UPDATE",
    operationParameters: {
      outputMode: "Append",
      queryId: target.appId,
      epochId: String(txn.version),
      shardId: name.shardId,
      first: formatPosition(name.first),
      last: formatPosition(name.last),
    },
    now,
  };
}

/**
 * Commits one micro-batch's data files (already stored in the table) as one table version with a
 * `txn` action (`appId`, `version` = the micro-batch number), see {@link streamBatchCommit}. A
 * batch without clean rows is a commit too (no `add`), keeping one version per micro-batch.
 *
 * @throws {StreamDeltaError} when the table already holds this micro-batch (another job of the
 *   same stream wrote it): its records may differ from these.
 * @example
 * const { version } = await commitStreamBatch(target, 9, name, files);
 */
export async function commitStreamBatch(
  target: StreamDeltaTable,
  batch: number,
  name: BatchObjectName,
  files: readonly NewDataFile[],
  now: number = Date.now(),
): Promise<{ readonly version: number }> {
  const outcome = await writeTableCommit(
    target.storage,
    target.definition,
    streamBatchCommit(target, { version: batch }, name, files, now),
  );
  if (!outcome.committed) {
    throw new StreamDeltaError(
      `${target.storage.location} already holds micro-batch ${batch} of ${target.appId}: is another job writing the same stream to this output?`,
    );
  }
  return { version: outcome.version };
}
