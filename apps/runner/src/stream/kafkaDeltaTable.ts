import { loadSnapshot, type NewDataFile, writeTableCommit } from "@pinpipe/delta";
import type { BatchObjectName } from "./batchObjectName";
import { StreamDeltaError, type StreamDeltaTable, streamBatchCommit } from "./streamDeltaTable";

/**
 * The Delta table a Kafka stream writes one topic's clean records to; each partition commits to it
 * under its own `txn` application id ({@link kafkaAppId}).
 *
 * @example
 * const table: KafkaDeltaTable = { storage, definition: cleanTableDefinition("pin", "pinpipe") };
 */
export type KafkaDeltaTable = Omit<StreamDeltaTable, "appId">;

/**
 * The `txn` application id of a topic partition's commits. Like the partition's checkpoint path it
 * names the topic and partition, not the group: the output holds one position per partition, so a
 * second group writing the same topics to the same output is refused instead of duplicating rows.
 *
 * @example
 * kafkaAppId("p.pin", 3); // "pinpipe-kafka/p.pin/3"
 */
export function kafkaAppId(topic: string, partition: number): string {
  return `pinpipe-kafka/${topic}/${partition}`;
}

/**
 * The commit target of one topic partition: its topic's table under the partition's application id.
 *
 * @example
 * const target = kafkaPartitionTable(tables.pin, "p.pin", 3); // appId "pinpipe-kafka/p.pin/3"
 */
export function kafkaPartitionTable(
  table: KafkaDeltaTable,
  topic: string,
  partition: number,
): StreamDeltaTable {
  return { ...table, appId: kafkaAppId(topic, partition) };
}

/**
 * A Kafka offset as a Delta `txn` version (a JSON number): offsets past 2^53 would lose digits, so
 * they are refused rather than rounded into another partition position.
 *
 * @throws {StreamDeltaError} for an offset past `Number.MAX_SAFE_INTEGER`.
 * @example
 * txnVersionOfOffset(120n); // 120
 */
export function txnVersionOfOffset(offset: bigint): number {
  if (offset > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StreamDeltaError(
      `offset ${offset} is past 2^53 and cannot be a Delta txn version exactly; use --format parquet`,
    );
  }
  return Number(offset);
}

/**
 * Compares a partition's `txn` version in its table (the offset after its last committed record; 0
 * when it has none) with its checkpoint's next offset (`checkpointNext`): equal → nothing pending
 * (undefined); the table ahead → the offset the table holds records up to (exclusive), which the
 * new owner replays into windows and totals without committing them again (a member stopped between
 * its commit and its checkpoint). The table behind means the table and the checkpoint belong to
 * different histories (a table replaced or deleted, a checkpoint of a `--format parquet` run): a
 * {@link StreamDeltaError} saying so, and nothing is written.
 *
 * @example
 * const replayUntil = await committedKafkaOffset(kafkaPartitionTable(tables.pin, "p.pin", 3), 120n);
 */
export async function committedKafkaOffset(
  target: StreamDeltaTable,
  checkpointNext: bigint,
): Promise<bigint | undefined> {
  const snapshot = await loadSnapshot(target.storage);
  const committed = BigInt(snapshot?.txns.get(target.appId) ?? 0);
  if (committed === checkpointNext) return undefined;
  if (committed > checkpointNext) return committed;
  throw new StreamDeltaError(
    `${target.storage.location} holds ${target.appId} up to offset ${committed} but its checkpoint says ${checkpointNext}: they do not belong together (a table replaced or deleted, or a checkpoint written with --format parquet); use another --out or --table-prefix`,
  );
}

/**
 * Commits a partition's micro-batch (records `from` to `next - 1`, data files already stored in
 * the table) as one version whose `txn` is `next` and follows `from`: made only while the table
 * still holds the partition at `from`. Undefined when it does not — another member took the
 * partition over and committed since this one read it (a zombie's commit) — and nothing is
 * written; the data files stay unreferenced. A commit whose answer was lost but whose version holds
 * it is this one's (see `commitTransaction`).
 *
 * @example
 * const committed = await commitKafkaBatch(target, 120n, 132n, name, files, Date.now());
 * if (committed === undefined) loop.drop(topic, partition);
 */
export async function commitKafkaBatch(
  target: StreamDeltaTable,
  from: bigint,
  next: bigint,
  name: BatchObjectName,
  files: readonly NewDataFile[],
  now: number,
): Promise<{ readonly version: number } | undefined> {
  const txn = { version: txnVersionOfOffset(next), follows: txnVersionOfOffset(from) };
  const outcome = await writeTableCommit(
    target.storage,
    target.definition,
    streamBatchCommit(target, txn, name, files, now),
  );
  return outcome.committed ? { version: outcome.version } : undefined;
}
