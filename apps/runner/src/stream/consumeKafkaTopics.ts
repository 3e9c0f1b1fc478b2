import { randomBytes } from "node:crypto";
import type { CleanOptions, TableName } from "@pinpipe/clean";
import type { KafkaGroupSource, KafkaSourceMessage } from "@pinpipe/ingest";
import {
  type KafkaGroupLoopControl,
  type KafkaPartitionHandler,
  runKafkaGroupLoop,
} from "../kafka/runKafkaGroupLoop";
import type { OutputSink } from "../output/index";
import type { BatchObjectName } from "./batchObjectName";
import { deltaBatchFiles } from "./deltaBatchFiles";
import { encodeShardBatch } from "./encodeShardBatch";
import type { StreamItem } from "./filterLongRecords";
import {
  commitKafkaBatch,
  committedKafkaOffset,
  type KafkaDeltaTable,
  kafkaPartitionTable,
} from "./kafkaDeltaTable";
import {
  KAFKA_CHECKPOINT_FORMAT,
  type KafkaPartitionCheckpoint,
  kafkaCheckpointPath,
  parseKafkaCheckpoint,
} from "./kafkaPartitionCheckpoint";
import { removeUncommittedObjects } from "./removeUncommittedObjects";
import { createPostsWindowOperator, type PostsWindowOperator, STREAM_AGGREGATES } from "./streamAggregates";
import { addBatchCounts, type StreamTotals, ZERO_TOTALS } from "./streamCheckpoint";
import { StreamDeltaError } from "./streamDeltaTable";

/**
 * Options of {@link consumeKafkaTopics}.
 *
 * @example
 * const options: ConsumeKafkaTopicsOptions = {
 *   source, sink, topics: { pin: "p.pin", geo: "p.geo", user: "p.user" }, batchRecords: 1000, batchMs: 10_000,
 * };
 */
export interface ConsumeKafkaTopicsOptions {
  /** A member of the consumer group, reading the three topics. */
  readonly source: KafkaGroupSource;
  readonly sink: OutputSink;
  readonly topics: Readonly<Record<TableName, string>>;
  /** Cut a partition's micro-batch at this many records. */
  readonly batchRecords: number;
  /** Also cut it when its oldest record has waited this long. */
  readonly batchMs: number;
  /** Stop once every owned partition is read to its end, no record came for this long and every batch is written. */
  readonly idleMs?: number;
  /** Longest message value kept; a longer one is rejected unread as `too_long`. Default: none. */
  readonly maxRecordBytes?: number;
  readonly clean?: CleanOptions | undefined;
  /** Graceful stop: the open batches are written and checkpointed, then the run resolves. */
  readonly signal?: AbortSignal;
  /**
   * How long after the group hands this member its partitions it waits before reading their
   * checkpoints (default 1000 ms): a member that owned one before may still be finishing a checkpoint
   * write it started before it learnt of the rebalance.
   */
  readonly takeoverGraceMs?: number;
  /**
   * The Delta table of each topic's clean records: every micro-batch of a partition is one commit
   * with the partition's `txn` (see `commitKafkaBatch`); without it they are `stream/tables/…`
   * Parquet files.
   */
  readonly delta?: Readonly<Record<TableName, KafkaDeltaTable>> | undefined;
}

/**
 * Counts of one table over the partitions this member wrote, in this run.
 *
 * @example
 * const stats: KafkaTableStats = { table: "pin", topic: "p.pin", run: ZERO_TOTALS, received: 0, buffered: 0, partitions: 2, removedOnStart: 0 };
 */
export interface KafkaTableStats {
  readonly table: TableName;
  readonly topic: string;
  readonly run: StreamTotals;
  /** Messages taken in this run, written or still buffered (re-deliveries below the output's position excluded). */
  readonly received: number;
  readonly buffered: number;
  /** Partitions of the topic this member owns now. */
  readonly partitions: number;
  /** Uncommitted objects (written after the last checkpoint by a member that died) removed. */
  readonly removedOnStart: number;
  /** The Delta table's version after this member's last commit to it (undefined without Delta or commits). */
  readonly tableVersion?: number | undefined;
  /**
   * Micro-batches the table held but their partition's checkpoint did not count (their member
   * stopped between commit and checkpoint), replayed here into windows and totals, not committed.
   */
  readonly replayed: number;
  /** Commits refused because another member had taken the partition over and committed since. */
  readonly refused: number;
}

/**
 * A running Kafka stream job: per-table stats any time, `done` when it stopped.
 *
 * @example
 * const job = consumeKafkaTopics(options);
 * const [pin, geo, user] = await job.done;
 */
export interface KafkaStreamJob {
  stats(): readonly KafkaTableStats[];
  /** Times the group handed this member its partitions (again). */
  rebalances(): number;
  readonly done: Promise<readonly KafkaTableStats[]>;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly table: TableName;
  readonly shardId: string;
  /** Offset of the first record not in the output (what the checkpoint says). */
  written: bigint;
  /** Offset of the next record to take. */
  next: bigint;
  items: StreamItem[];
  since: number;
  readonly operators: Map<string, PostsWindowOperator>;
  totals: StreamTotals;
  /** With Delta: the offset the table holds the partition up to when it is ahead of the checkpoint. */
  replayUntil: bigint | undefined;
}

const TABLES: readonly TableName[] = ["pin", "geo", "user"];

/**
 * The shard id of a partition in the stream output's names (`shard=<topic>-<partition>`, Kafka's own
 * way of writing a topic partition).
 *
 * @example
 * kafkaShardId("p.pin", 3); // "p.pin-3"
 */
export function kafkaShardId(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

function tooLongItem(
  base: Omit<StreamItem, "record" | "error" | "data">,
  length: number,
  limit: number,
): StreamItem {
  return {
    ...base,
    tooLong: true,
    error: `message value of ${length} bytes is over the limit of ${limit} bytes`,
  };
}

/**
 * Consumes the pin, geo and user topics as one member of a consumer group (the loop of
 * `runKafkaGroupLoop`, shared with connect-s3) into the stream job's
 * output (micro-batches on the job core, the same files as the Kinesis stream: see
 * `encodeShardBatch`, with `shard=<topic>-<partition>` and offsets as positions), exactly once
 * across crashes and rebalances:
 *
 * 1. what the output holds is each partition's checkpoint (`kafkaCheckpointPath`), written after the
 *    batch files it covers; the group's committed offset is only where reading starts, and is
 *    committed after the checkpoint;
 * 2. when this member first reads a partition (at start, or after the group moved it here), it reads
 *    the checkpoint, removes the partition's objects the checkpoint does not cover (written by a
 *    member that died before checkpointing) and takes records from the checkpoint's offset on:
 *    earlier ones are skipped, and a later first record makes it seek back;
 * 3. every rebalance drops what this member buffered but did not write: those records are read again
 *    by whoever owns the partition now;
 * 4. before a batch is written, the checkpoint is read again: if another member moved it, this one no
 *    longer writes the partition (it was taken over) and re-reads its state; after its files are
 *    written, a rebalance that began meanwhile leaves them uncommitted (no checkpoint). A member
 *    learns of a rebalance before it rejoins, so before anyone else can own its partitions, and a new
 *    owner waits `takeoverGraceMs` after joining before reading a checkpoint, so a checkpoint write
 *    already under way lands first.
 *
 * With `delta`, a partition's clean records go to its topic's Delta table instead, one commit per
 * micro-batch, in this order: data files, the commit (`commitKafkaBatch`: its `txn` is the offset
 * after the batch and follows the offset the batch starts from, so a member the partition moved away
 * from cannot commit on top of the new owner's versions; a refused commit drops the partition like
 * a takeover), the rejected and window files, the checkpoint. When a member opens a partition whose
 * table holds more than its checkpoint (`committedKafkaOffset`: a member stopped between commit and
 * checkpoint), those records are read again and replayed as one batch into the windows, totals and
 * files, without a second commit.
 *
 * A value-less message (a tombstone, or a key without a value) is rejected as `invalid_json` with
 * that reason, a value over `maxRecordBytes` as `too_long`, and a value that is not a JSON object
 * as the job core says.
 *
 * @example
 * const job = consumeKafkaTopics({ source, sink, topics, batchRecords: 1000, batchMs: 10_000, idleMs: 5_000 });
 * const stats = await job.done;
 */
export function consumeKafkaTopics(options: ConsumeKafkaTopicsOptions): KafkaStreamJob {
  const { source, sink, topics } = options;
  const tableOf = new Map<string, TableName>(TABLES.map((table) => [topics[table], table]));
  const run = new Map<TableName, StreamTotals>(TABLES.map((table) => [table, ZERO_TOTALS]));
  const received = new Map<TableName, number>(TABLES.map((table) => [table, 0]));
  const removed = new Map<TableName, number>(TABLES.map((table) => [table, 0]));
  const replayed = new Map<TableName, number>(TABLES.map((table) => [table, 0]));
  const refused = new Map<TableName, number>(TABLES.map((table) => [table, 0]));
  const tableVersions = new Map<TableName, number>();
  // Names this process's data files: a killed or refused attempt's files are never reused.
  const attempt = randomBytes(4).toString("hex");
  const deltaOf = (state: PartitionState) =>
    options.delta === undefined
      ? undefined
      : kafkaPartitionTable(options.delta[state.table], state.topic, state.partition);

  const aggregatesOf = (table: TableName) =>
    STREAM_AGGREGATES.filter((aggregate) => aggregate.table === table);

  async function readCheckpoint(
    topic: string,
    partition: number,
    table: TableName,
  ): Promise<KafkaPartitionCheckpoint | undefined> {
    const saved = await sink.get(kafkaCheckpointPath(topic, partition));
    return saved === undefined
      ? undefined
      : parseKafkaCheckpoint(new TextDecoder().decode(saved), topic, partition, table);
  }

  async function open(topic: string, partition: number): Promise<PartitionState> {
    const table = tableOf.get(topic)!;
    const checkpoint = await readCheckpoint(topic, partition, table);
    const shardId = kafkaShardId(topic, partition);
    const written = BigInt(checkpoint?.next ?? "0");
    // The table may hold a batch the checkpoint does not count yet: it is replayed, not recommitted.
    const replayUntil =
      options.delta === undefined
        ? undefined
        : await committedKafkaOffset(kafkaPartitionTable(options.delta[table], topic, partition), written);
    const covered = written === 0n ? {} : { [shardId]: { sequenceNumber: String(written - 1n) } };
    const folders = [
      `stream/tables/${table}/shard=${shardId}`,
      `stream/rejected/${table}/shard=${shardId}`,
      ...aggregatesOf(table).map((aggregate) => `stream/aggregates/${aggregate.name}/shard=${shardId}`),
    ];
    removed.set(
      table,
      removed.get(table)! +
        (await removeUncommittedObjects(sink, folders, { stream: topic, shards: covered })),
    );
    const operators = new Map<string, PostsWindowOperator>();
    for (const aggregate of aggregatesOf(table)) {
      const state = checkpoint?.windows[aggregate.name];
      operators.set(aggregate.name, createPostsWindowOperator(state));
    }
    return {
      topic,
      partition,
      table,
      shardId,
      written,
      next: written,
      items: [],
      since: Date.now(),
      operators,
      totals: checkpoint?.totals ?? ZERO_TOTALS,
      replayUntil,
    };
  }

  async function flush(state: PartitionState, loop: KafkaGroupLoopControl): Promise<void> {
    if (state.items.length === 0) return;
    const replay = state.replayUntil;
    // A replay is written whole or not at all: its records are the batch the table holds.
    if (replay !== undefined && state.next < replay) return;
    const epoch = source.generation();
    // Another member may have taken the partition over and written it since this one read it.
    const current = await readCheckpoint(state.topic, state.partition, state.table);
    if (BigInt(current?.next ?? "0") !== state.written || !source.owns(state.topic, state.partition)) {
      loop.drop(state.topic, state.partition);
      return;
    }
    const items = state.items;
    const next = BigInt(items[items.length - 1]!.sequenceNumber) + 1n;
    if (replay !== undefined && next !== replay) {
      throw new StreamDeltaError(
        `the records of ${state.shardId} read again end at offset ${next}, not at ${replay} where its table's txn says they were committed`,
      );
    }
    state.items = [];
    const aggregates = aggregatesOf(state.table).map((aggregate) => ({
      aggregate,
      operator: state.operators.get(aggregate.name)!,
    }));
    const delta = deltaOf(state);
    const { files, counts, rows } = encodeShardBatch({
      table: state.table,
      shardId: state.shardId,
      items,
      clean: options.clean,
      cleanFile: delta === undefined,
      aggregates,
    });
    const stillOwned = (): boolean =>
      source.generation() === epoch && source.owns(state.topic, state.partition);
    if (delta === undefined) {
      await Promise.all(files.map((file) => sink.put(file.path, file.body)));
      if (!stillOwned()) {
        // A rebalance began while the files were written: the partition may be another member's by now.
        // The files stay uncommitted; its owner removes them when it opens the partition.
        loop.drop(state.topic, state.partition);
        return;
      }
    } else if (replay === undefined) {
      // Data files, then the commit (only while the table holds the partition where this member
      // read it), then the other files and the checkpoint: a refused or killed member's rejected and
      // window files are never written, and its data files are never referenced.
      const name: BatchObjectName = {
        shardId: state.shardId,
        first: { sequenceNumber: items[0]!.sequenceNumber },
        last: { sequenceNumber: items[items.length - 1]!.sequenceNumber },
      };
      const now = Date.now();
      const dataFiles = deltaBatchFiles(state.table, rows, name, attempt, now);
      await Promise.all(dataFiles.map((entry) => delta.storage.put(entry.file.path, entry.bytes)));
      if (!stillOwned()) {
        loop.drop(state.topic, state.partition);
        return;
      }
      const committed = await commitKafkaBatch(
        delta,
        state.written,
        next,
        name,
        dataFiles.map((entry) => entry.file),
        now,
      );
      if (committed === undefined) {
        refused.set(state.table, refused.get(state.table)! + 1);
        loop.drop(state.topic, state.partition);
        return;
      }
      tableVersions.set(state.table, Math.max(tableVersions.get(state.table) ?? -1, committed.version));
      // Committed: whoever owns the partition next replays it if this member loses it before its checkpoint.
      await Promise.all(files.map((file) => sink.put(file.path, file.body)));
      if (!stillOwned()) {
        loop.drop(state.topic, state.partition);
        return;
      }
    } else {
      // The replay of the batch the table holds: its rejected and window files, then the checkpoint.
      await Promise.all(files.map((file) => sink.put(file.path, file.body)));
      if (!stillOwned()) {
        loop.drop(state.topic, state.partition);
        return;
      }
      replayed.set(state.table, replayed.get(state.table)! + 1);
      state.replayUntil = undefined;
    }
    state.totals = addBatchCounts(state.totals, counts);
    // Counted by the member that checkpoints the batch: one that lost the partition after its commit
    // leaves the batch to the new owner's replay, so the members' counts add up to the records.
    run.set(state.table, addBatchCounts(run.get(state.table)!, counts));
    const windows: Record<string, unknown> = {};
    for (const [name, operator] of state.operators) windows[name] = operator.serialize();
    const checkpoint: KafkaPartitionCheckpoint = {
      format: KAFKA_CHECKPOINT_FORMAT,
      topic: state.topic,
      partition: state.partition,
      table: state.table,
      next: String(next),
      windows,
      totals: state.totals,
    };
    await sink.put(
      kafkaCheckpointPath(state.topic, state.partition),
      `${JSON.stringify(checkpoint, null, 1)}\n`,
    );
    state.written = next;
    // Only a hint of where to start reading; a refused commit (during a rebalance) changes nothing.
    await source.commit([{ topic: state.topic, partition: state.partition, offset: next }]);
  }

  function itemOf(message: KafkaSourceMessage): StreamItem {
    const base = {
      stream: message.topic,
      shardId: kafkaShardId(message.topic, message.partition),
      sequenceNumber: String(message.offset),
      partitionKey: message.key === undefined ? "" : new TextDecoder().decode(message.key),
      arrivalTime: message.timestamp,
    };
    if (message.value === undefined) {
      return {
        ...base,
        error:
          message.key === undefined
            ? "the message has neither key nor value"
            : "the message has a key but no value (a tombstone)",
      };
    }
    if (options.maxRecordBytes !== undefined && message.value.length > options.maxRecordBytes) {
      return tooLongItem(base, message.value.length, options.maxRecordBytes);
    }
    return { ...base, data: message.value, error: "" };
  }

  const handler: KafkaPartitionHandler<PartitionState> = {
    open,
    nextOffset: (state) => state.next,
    async take(state, message, loop) {
      if (state.items.length === 0) state.since = Date.now();
      state.items.push(itemOf(message));
      state.next = message.offset + 1n;
      received.set(state.table, received.get(state.table)! + 1);
      // A replay is cut where the table's txn says its batch ended, not by size or time.
      const cut =
        state.replayUntil === undefined
          ? state.items.length >= options.batchRecords
          : state.next >= state.replayUntil;
      if (cut) await flush(state, loop);
    },
    async tick(state, now, loop) {
      if (state.replayUntil === undefined && state.items.length > 0 && now - state.since >= options.batchMs) {
        await flush(state, loop);
      }
    },
    buffered: (state) => state.items.length > 0,
    flush,
  };
  const loop = runKafkaGroupLoop({
    source,
    topics: new Set(tableOf.keys()),
    handler,
    idleMs: options.idleMs,
    signal: options.signal,
    takeoverGraceMs: options.takeoverGraceMs,
  });

  const stats = (): KafkaTableStats[] => {
    const owned = source.assignments();
    const states = loop.states();
    return TABLES.map((table) => ({
      table,
      topic: topics[table],
      run: run.get(table)!,
      received: received.get(table)!,
      buffered: states
        .filter((state) => state.table === table)
        .reduce((sum, state) => sum + state.items.length, 0),
      partitions: owned.get(topics[table])?.length ?? 0,
      removedOnStart: removed.get(table)!,
      tableVersion: tableVersions.get(table),
      replayed: replayed.get(table)!,
      refused: refused.get(table)!,
    }));
  };

  return { stats, rebalances: loop.rebalances, done: loop.done.then(stats) };
}
