import { randomBytes } from "node:crypto";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { CleanOptions, TableName } from "@pinpipe/clean";
import {
  type KinesisCheckpoint,
  type KinesisReadApi,
  type KinesisShardCheckpoint,
  type KinesisSourceItem,
  readKinesisRecords,
  toKinesisReadApi,
} from "@pinpipe/ingest";
import type { OutputSink } from "../output/index";
import type { BatchObjectName } from "./batchObjectName";
import { deltaBatchFiles } from "./deltaBatchFiles";
import { encodeShardBatch } from "./encodeShardBatch";
import { filterLongRecords } from "./filterLongRecords";
import { removeUncommittedObjects } from "./removeUncommittedObjects";
import { resolveTimestampsByScan } from "./resolveTimestampsByScan";
import { SerialQueue } from "./serialQueue";
import {
  createPostsWindowOperator,
  type PostsWindowOperator,
  STREAM_AGGREGATES,
  type StreamAggregate,
} from "./streamAggregates";
import {
  addBatchCounts,
  parseStreamCheckpoint,
  STREAM_CHECKPOINT_FORMAT,
  type StreamCheckpoint,
  type StreamStart,
  type StreamTotals,
  streamCheckpointPath,
  ZERO_TOTALS,
} from "./streamCheckpoint";
import {
  type CommittedBatch,
  commitStreamBatch,
  findCommittedBatch,
  StreamDeltaError,
  type StreamDeltaTable,
} from "./streamDeltaTable";
import { comparePositions, isCovered, type StreamPosition } from "./streamPosition";
import { trackBehindLatest } from "./trackBehindLatest";

/**
 * Options of {@link consumeStream}.
 *
 * @example
 * const options: ConsumeStreamOptions = {
 *   client, sink, stream: "pinpipe-pin", table: "pin", from: "trim-horizon",
 *   batchRecords: 1000, batchMs: 10_000, signal,
 * };
 */
export interface ConsumeStreamOptions {
  readonly client: KinesisClient | KinesisReadApi;
  readonly sink: OutputSink;
  readonly stream: string;
  readonly table: TableName;
  /** Where shards start when the output has no checkpoint of the stream yet. */
  readonly from: "trim-horizon" | "latest";
  /** Cut a shard's micro-batch at this many records. */
  readonly batchRecords: number;
  /** Also cut it when its oldest record has waited this long (bounds latency on a slow stream). */
  readonly batchMs: number;
  /** Stop once every shard is caught up and no record came for this long. */
  readonly idleMs?: number;
  /** Wait between GetRecords calls on a caught-up shard (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * Resolve AT_TIMESTAMP start positions by reading the shard (see `resolveTimestampsByScan`), for
   * local servers that cannot; AWS answers them itself. Default false.
   */
  readonly scanForTimestamps?: boolean;
  /**
   * Longest user record kept (its data, inside a KPL aggregate or not); longer ones are rejected
   * with the reason. Default: none beyond Kinesis's own 1 MiB.
   */
  readonly maxRecordBytes?: number;
  /** The cleaning options (a clean config's placeholder lists). */
  readonly clean?: CleanOptions | undefined;
  /** Graceful stop: the current batches are written and checkpointed, then the run resolves. */
  readonly signal?: AbortSignal;
  /**
   * The Delta table the clean records go to, one commit per micro-batch (see `commitStreamBatch`);
   * without it they are `stream/tables/…` Parquet files.
   */
  readonly delta?: StreamDeltaTable | undefined;
}

/**
 * Counts of one stream: this run's, and the totals over all runs kept in the checkpoint.
 *
 * @example
 * const stats: StreamStats = { stream: "pinpipe-pin", table: "pin", run: totals, total: totals, received: 10, buffered: 0, behindMs: 0, removedOnStart: 0 };
 */
export interface StreamStats {
  readonly stream: string;
  readonly table: TableName;
  readonly run: StreamTotals;
  readonly total: StreamTotals;
  /** Records read in this run, written or still buffered. */
  readonly received: number;
  /** Records read but not written yet (in the open batches). */
  readonly buffered: number;
  /** MillisBehindLatest of the most lagging shard (undefined before the first answer). */
  readonly behindMs: number | undefined;
  /** Uncommitted objects of an earlier, interrupted run removed at start. */
  readonly removedOnStart: number;
  /** The Delta table's version after this run's last commit (undefined without Delta or commits). */
  readonly tableVersion?: number | undefined;
}

/**
 * A running consumer of one stream: `stats()` any time, `done` when it stopped.
 *
 * @example
 * const consumer = consumeStream(options);
 * setInterval(() => console.error(consumer.stats().run.in), 5000);
 * await consumer.done;
 */
export interface StreamConsumer {
  stats(): StreamStats;
  readonly done: Promise<StreamStats>;
}

const TICK_MS = 200;

function positionOf(item: KinesisSourceItem): KinesisShardCheckpoint {
  return item.subSequenceNumber === undefined
    ? { sequenceNumber: item.sequenceNumber }
    : { sequenceNumber: item.sequenceNumber, subSequenceNumber: item.subSequenceNumber };
}

function itemPosition(item: KinesisSourceItem): StreamPosition {
  return item.subSequenceNumber === undefined
    ? { sequenceNumber: item.sequenceNumber }
    : { sequenceNumber: item.sequenceNumber, subSequenceNumber: item.subSequenceNumber };
}

/**
 * Whether the reader's progress in a shard is the record this consumer received (or wrote) last. It is not
 * when the reader moved past records with no user record in them (nothing was received for them):
 * the checkpoint then stays at the last written record, which only re-reads empty records.
 */
function isAt(progress: KinesisShardCheckpoint, last: KinesisShardCheckpoint | undefined): boolean {
  if (progress.sequenceNumber === undefined) return last === undefined;
  if (last === undefined || last.sequenceNumber !== progress.sequenceNumber) return false;
  // Progress drops the sub-sequence number once the last user record of an aggregate is out.
  return progress.subSequenceNumber === undefined || progress.subSequenceNumber === last.subSequenceNumber;
}

/**
 * Consumes one Kinesis stream into micro-batches of one table (see `encodeShardBatch` for the files)
 * with exactly-once output across crashes:
 *
 * 1. at start, the stream's checkpoint is read and every object it does not cover (written by a
 *    run that died before checkpointing) is removed, so records are rewritten from the checkpoint;
 * 2. records are buffered per shard and cut into a batch every `batchRecords` records (a
 *    deterministic boundary), when the oldest waited `batchMs`, at the end of a closed shard, or
 *    at stop;
 * 3. a batch's files are written first, then the checkpoint (shard positions, window states,
 *    totals): a shard with records still buffered is checkpointed at its last written record.
 *
 * Batches and checkpoints of one stream are written one at a time. All shards are read, parents
 * before children after resharding (`readKinesisRecords`).
 *
 * @example
 * const { done } = consumeStream({ client, sink, stream: "pinpipe-geo", table: "geo", from: "trim-horizon", batchRecords: 1000, batchMs: 10_000, idleMs: 5000 });
 * const stats = await done;
 */
export function consumeStream(options: ConsumeStreamOptions): StreamConsumer {
  const { sink, stream, table } = options;
  const api = toKinesisReadApi(options.client);
  const tracked = trackBehindLatest(options.scanForTimestamps === true ? resolveTimestampsByScan(api) : api);
  const lengths =
    options.maxRecordBytes === undefined ? undefined : filterLongRecords(tracked.api, options.maxRecordBytes);
  const aggregates = STREAM_AGGREGATES.filter((aggregate) => aggregate.table === table);
  const checkpointPath = streamCheckpointPath(stream);
  let run = ZERO_TOTALS;
  let total = ZERO_TOTALS;
  let removedOnStart = 0;
  let received = 0;
  let tableVersion: number | undefined;
  const buffers = new Map<string, { items: KinesisSourceItem[]; since: number }>();
  const stats = (): StreamStats => ({
    stream,
    table,
    run,
    total,
    received,
    buffered: [...buffers.values()].reduce((sum, buffer) => sum + buffer.items.length, 0),
    behindMs: tracked.behindMs(),
    removedOnStart,
    tableVersion,
  });

  async function execute(): Promise<StreamStats> {
    const saved = await options.sink.get(checkpointPath);
    const loaded =
      saved === undefined
        ? undefined
        : parseStreamCheckpoint(new TextDecoder().decode(saved), stream, table, checkpointPath);
    total = loaded?.totals ?? ZERO_TOTALS;
    // A micro-batch the table holds but the checkpoint does not count: replayed, not recommitted.
    let pending: CommittedBatch | undefined =
      options.delta === undefined ? undefined : await findCommittedBatch(options.delta, total.batches);
    if (pending !== undefined && isCovered(pending.last, loaded?.kinesis.shards[pending.shardId])) {
      throw new StreamDeltaError(
        `${checkpointPath} already covers ${pending.shardId} up to micro-batch ${pending.batch} of ${options.delta!.storage.location}, but counts only ${total.batches} batches`,
      );
    }
    // Names this process's data files: a killed attempt's files are never overwritten or reused.
    const attempt = randomBytes(4).toString("hex");
    const start: StreamStart =
      loaded?.start ??
      (options.from === "latest"
        ? { type: "AT_TIMESTAMP", timestamp: new Date().toISOString() }
        : { type: "TRIM_HORIZON" });
    removedOnStart = await removeUncommittedObjects(
      sink,
      [
        `stream/tables/${table}`,
        `stream/rejected/${table}`,
        ...aggregates.map((aggregate) => `stream/aggregates/${aggregate.name}`),
      ],
      loaded?.kinesis,
    );
    // A run killed while writing its checkpoint leaves the temporary file next to it.
    for (const leftover of await sink.list(`${checkpointPath}.tmp-`)) {
      await sink.remove(leftover);
      removedOnStart++;
    }
    if (loaded === undefined) {
      // Fixes the start (with --from latest, a moment) before any record is read, so a restart
      // after a crash before the first batch starts from the same place.
      const initial: StreamCheckpoint = {
        format: STREAM_CHECKPOINT_FORMAT,
        stream,
        table,
        start,
        kinesis: { stream, shards: {} },
        windows: {},
        totals: ZERO_TOTALS,
      };
      await sink.put(checkpointPath, `${JSON.stringify(initial, null, 1)}\n`);
    }

    const operators = new Map<string, Map<string, PostsWindowOperator>>();
    for (const [shardId, states] of Object.entries(loaded?.windows ?? {})) {
      const byName = new Map<string, PostsWindowOperator>();
      for (const aggregate of aggregates) {
        const state = states[aggregate.name];
        if (state !== undefined) byName.set(aggregate.name, createPostsWindowOperator(state));
      }
      operators.set(shardId, byName);
    }
    const operatorsOf = (
      shardId: string,
    ): { aggregate: StreamAggregate; operator: PostsWindowOperator }[] => {
      let byName = operators.get(shardId);
      if (byName === undefined) {
        byName = new Map();
        operators.set(shardId, byName);
      }
      const shardOperators = byName;
      return aggregates.map((aggregate) => {
        let operator = shardOperators.get(aggregate.name);
        if (operator === undefined) {
          operator = createPostsWindowOperator();
          shardOperators.set(aggregate.name, operator);
        }
        return { aggregate, operator };
      });
    };

    // Stops the reader on a graceful stop and when a batch fails to be written.
    const stop = new AbortController();
    const onStop = (): void => stop.abort();
    options.signal?.addEventListener("abort", onStop, { once: true });
    if (options.signal?.aborted) stop.abort();
    const reader = readKinesisRecords({
      client: lengths?.api ?? tracked.api,
      stream,
      // The first run of --from latest starts at LATEST, a moment after `start`; restarts resume
      // shards without progress from `start`, so a record is never skipped for want of a checkpoint.
      initialPosition:
        start.type === "TRIM_HORIZON"
          ? start
          : loaded === undefined
            ? { type: "LATEST" }
            : { type: "AT_TIMESTAMP", timestamp: new Date(start.timestamp) },
      ...(loaded === undefined ? {} : { checkpoint: loaded.kinesis }),
      ...(options.idleMs === undefined ? {} : { stopWhenIdleMs: options.idleMs }),
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      signal: stop.signal,
    });

    let failure: { readonly error: unknown } | undefined;
    const written = new Map<string, KinesisShardCheckpoint>(Object.entries(loaded?.kinesis.shards ?? {}));
    const receivedAt = new Map<string, KinesisShardCheckpoint>();
    const queue = new SerialQueue();

    const writeCheckpoint = async (): Promise<void> => {
      const progress = reader.checkpoint();
      const shards: Record<string, KinesisShardCheckpoint> = {};
      for (const [shardId, entry] of Object.entries(progress.shards)) {
        if (
          (buffers.get(shardId)?.items.length ?? 0) === 0 &&
          isAt(entry, receivedAt.get(shardId) ?? written.get(shardId))
        ) {
          shards[shardId] = entry;
          continue;
        }
        // Records of this shard are read but not all written yet: resume after the last written one.
        const last = written.get(shardId);
        if (last !== undefined) {
          shards[shardId] = {
            ...(last.sequenceNumber === undefined ? {} : { sequenceNumber: last.sequenceNumber }),
            ...(last.subSequenceNumber === undefined ? {} : { subSequenceNumber: last.subSequenceNumber }),
          };
        }
      }
      const windows: Record<string, Record<string, unknown>> = {};
      for (const [shardId, byName] of operators) {
        // A closed shard read to its end gets no more records: its windows' last revisions are out.
        if (shards[shardId]?.finished === true || byName.size === 0) {
          operators.delete(shardId);
          continue;
        }
        const states: Record<string, unknown> = {};
        for (const [name, operator] of byName) states[name] = operator.serialize();
        windows[shardId] = states;
      }
      const checkpoint: StreamCheckpoint = {
        format: STREAM_CHECKPOINT_FORMAT,
        stream,
        table,
        start,
        kinesis: { stream, shards } satisfies KinesisCheckpoint,
        windows,
        totals: total,
      };
      await sink.put(checkpointPath, `${JSON.stringify(checkpoint, null, 1)}\n`);
    };

    const flush = async (shardId: string): Promise<void> => {
      const buffer = buffers.get(shardId);
      if (buffer === undefined || buffer.items.length === 0) return;
      const lastItem = buffer.items[buffer.items.length - 1]!;
      if (pending !== undefined) {
        // Until the committed batch is replayed whole, no other batch may take the next number.
        if (shardId !== pending.shardId) return;
        const order = comparePositions(itemPosition(lastItem), pending.last);
        if (order < 0) return;
        if (order > 0 || comparePositions(itemPosition(buffer.items[0]!), pending.first) !== 0) {
          throw new StreamDeltaError(
            `the records of ${shardId} read again do not form micro-batch ${pending.batch} as ${options.delta!.storage.location} committed it (version ${pending.tableVersion})`,
          );
        }
      }
      buffers.delete(shardId);
      const delta = options.delta;
      const { files, counts, rows } = encodeShardBatch({
        table,
        shardId,
        items: buffer.items,
        clean: options.clean,
        cleanFile: delta === undefined,
        aggregates: operatorsOf(shardId),
      });
      const name: BatchObjectName = {
        shardId,
        first: itemPosition(buffer.items[0]!),
        last: itemPosition(lastItem),
      };
      if (delta !== undefined && pending === undefined) {
        // Data files, then the commit that references them, then (below) the checkpoint.
        const now = Date.now();
        const dataFiles = deltaBatchFiles(table, rows, name, attempt, now);
        await Promise.all([
          ...files.map((file) => sink.put(file.path, file.body)),
          ...dataFiles.map((entry) => delta.storage.put(entry.file.path, entry.bytes)),
        ]);
        const committed = await commitStreamBatch(
          delta,
          total.batches + 1,
          name,
          dataFiles.map((entry) => entry.file),
          now,
        );
        tableVersion = committed.version;
      } else {
        // Without Delta; or the replay of the committed batch, whose data files the table holds.
        await Promise.all(files.map((file) => sink.put(file.path, file.body)));
        pending = undefined;
      }
      written.set(shardId, positionOf(buffer.items[buffer.items.length - 1]!));
      run = addBatchCounts(run, counts);
      total = addBatchCounts(total, counts);
      await writeCheckpoint();
    };

    const flushDue = async (): Promise<void> => {
      if (failure !== undefined) return;
      const now = Date.now();
      let finished: Readonly<Record<string, KinesisShardCheckpoint>> | undefined;
      for (const [shardId, buffer] of [...buffers]) {
        if (buffer.items.length === 0) continue;
        finished ??= reader.checkpoint().shards;
        if (now - buffer.since >= options.batchMs || finished[shardId]?.finished === true) {
          await flush(shardId);
        }
      }
    };

    const fail = (error: unknown): void => {
      failure ??= { error };
      stop.abort();
    };
    // One check queued at a time: while batches are slow to write, ticks do not pile up.
    let checkQueued = false;
    const timer = setInterval(() => {
      if (checkQueued) return;
      checkQueued = true;
      queue
        .run(flushDue)
        .catch(fail)
        .finally(() => {
          checkQueued = false;
        });
    }, TICK_MS);
    try {
      for await (const read of reader) {
        const item = lengths === undefined ? read : lengths.check(read);
        let buffer = buffers.get(item.shardId);
        if (buffer === undefined) {
          buffer = { items: [], since: Date.now() };
          buffers.set(item.shardId, buffer);
        }
        buffer.items.push(item);
        receivedAt.set(item.shardId, positionOf(item));
        received++;
        const endsPending =
          pending?.shardId === item.shardId && comparePositions(itemPosition(item), pending.last) >= 0;
        if (buffer.items.length >= options.batchRecords || endsPending) {
          await queue.run(() => flush(item.shardId));
        }
      }
    } catch (error) {
      // A request cut short by a graceful stop is no failure; the batches read so far are written.
      if (!(stop.signal.aborted && failure === undefined)) fail(error);
    } finally {
      clearInterval(timer);
      options.signal?.removeEventListener("abort", onStop);
    }
    if (failure !== undefined) throw failure.error;
    await queue.run(async () => {
      // The committed batch to replay first, if it is read whole: the others wait for it.
      const order = [...buffers.keys()].sort(
        (a, b) => Number(b === pending?.shardId) - Number(a === pending?.shardId),
      );
      for (const shardId of order) await flush(shardId);
      await writeCheckpoint();
    });
    return stats();
  }

  return { stats, done: execute() };
}
