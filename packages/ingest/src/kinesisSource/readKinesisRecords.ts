import type { _Record, KinesisClient, Shard } from "@aws-sdk/client-kinesis";
import type { JsonRecord } from "../kafkaConnect/jsonRecord";
import { abortableSleep } from "./abortableSleep";
import { type BackoffOptions, backoffDelay, validateBackoff } from "./backoffDelay";
import { isExpiredIteratorError, isRetryableKinesisError } from "./isRetryableKinesisError";
import { type KinesisReadApi, toKinesisReadApi } from "./kinesisApi";
import type { KinesisCheckpoint, KinesisShardCheckpoint } from "./kinesisCheckpoint";
import { kinesisPayloadEntries } from "./kinesisPayloadEntries";
import { listKinesisShards } from "./listKinesisShards";
import { planShardReads } from "./planShardReads";
import { type ShardStartPosition, shardIteratorRequest } from "./shardStartPosition";

/**
 * One user record read from a Kinesis stream, or why its data could not be decoded. `sequenceNumber` is
 * the Kinesis record's (a decimal string: it does not fit a JS number); user records unpacked from one
 * KPL aggregate share it and differ by `subSequenceNumber`.
 *
 * @example
 * ```ts
 * for await (const item of readKinesisRecords({ client, stream: "pins" })) {
 *   if ("record" in item) console.log(item.shardId, item.sequenceNumber, item.record);
 *   else console.warn(item.error);
 * }
 * ```
 */
export type KinesisSourceItem = {
  readonly stream: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly partitionKey: string;
  /** When Kinesis accepted the record (its ApproximateArrivalTimestamp). */
  readonly arrivalTime: Date | undefined;
  /** The user record's bytes as sent, when known (the job core decodes them itself). */
  readonly data?: Uint8Array;
} & ({ readonly record: JsonRecord } | { readonly error: string });

/**
 * A throttled call the reader is about to wait for.
 *
 * @example
 * ```ts
 * const onBackoff = (event: KinesisBackoffEvent) => console.warn(`${event.operation} throttled, waiting ${event.delayMs} ms`);
 * ```
 */
export interface KinesisBackoffEvent {
  readonly operation: "GetRecords" | "GetShardIterator" | "ListShards";
  readonly shardId?: string;
  /** Consecutive throttled attempts so far (1 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly errorName: string;
}

/**
 * Options of {@link readKinesisRecords}.
 *
 * @example
 * ```ts
 * const options: ReadKinesisRecordsOptions = { client, stream: "pins", stopWhenIdleMs: 2_000 };
 * ```
 */
export interface ReadKinesisRecordsOptions {
  readonly client: KinesisClient | KinesisReadApi;
  readonly stream: string;
  /** Where shards without checkpointed progress start. Default TRIM_HORIZON. */
  readonly initialPosition?: Exclude<ShardStartPosition, { sequenceNumber: string }>;
  /** Progress saved from an earlier reader of the same stream; reading resumes after it. */
  readonly checkpoint?: KinesisCheckpoint;
  /** GetRecords Limit (1..10000, default 10000). */
  readonly maxRecordsPerCall?: number;
  /** Wait between GetRecords calls on a shard that is caught up (default 1000 ms; AWS allows 5 calls/s). */
  readonly pollIntervalMs?: number;
  /** Stop once every open shard is caught up (MillisBehindLatest 0) and no record came for this long. */
  readonly stopWhenIdleMs?: number;
  /** Stops reading (the iteration ends without error). */
  readonly signal?: AbortSignal;
  /** Backoff for throttled calls (default 200 ms doubling up to 10 s, with jitter). */
  readonly backoff?: BackoffOptions;
  /** Consecutive throttled attempts on one shard before giving up with the error (default 30). */
  readonly maxThrottleRetries?: number;
  readonly onBackoff?: (event: KinesisBackoffEvent) => void;
  /** Source of jitter in [0, 1) (tests). */
  readonly random?: () => number;
}

/**
 * The records of a stream as an async iterable, plus where it stands.
 *
 * @example
 * ```ts
 * const reader = readKinesisRecords({ client, stream: "pins", stopWhenIdleMs: 1000 });
 * for await (const item of reader) handle(item);
 * await save(JSON.stringify(reader.checkpoint()));
 * ```
 */
export interface KinesisRecordStream extends AsyncIterable<KinesisSourceItem> {
  /** Progress up to the last item handed out, as plain JSON-ready data. */
  checkpoint(): KinesisCheckpoint;
}

interface ActiveShard {
  readonly shardId: string;
  readonly startPosition: ShardStartPosition;
  iterator: string | undefined;
  nextPollAt: number;
  /** The last GetRecords said there was nothing more (MillisBehindLatest 0, not a full batch). */
  caughtUp: boolean;
  throttledAttempts: number;
  /** Start time of the last successful GetRecords, to renew a LATEST iterator without a gap. */
  lastPollStartedAt: number | undefined;
  /** After resuming inside a KPL aggregate: user records of it up to this one were delivered already. */
  skipThrough: { readonly sequenceNumber: string; readonly subSequenceNumber: number } | undefined;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 10_000 };
const MAX_EXPIRED_RENEWALS = 3;

/**
 * Reads every record of a Kinesis stream across all its shards, once each and in order within a shard:
 *
 * - shards come from ListShards (paged); parents are read to their end before their children, so records
 *   of one partition key stay in order across SplitShard/MergeShards;
 * - each open shard is polled with GetRecords: again at once while it is behind (MillisBehindLatest > 0 or
 *   a full batch), after `pollIntervalMs` once caught up;
 * - throttling (ProvisionedThroughputExceededException, LimitExceededException) backs off per shard with
 *   capped exponential delays and jitter;
 * - an expired iterator (ExpiredIteratorException) is renewed after the last delivered record;
 * - it ends when every shard is read to its end, on `signal`, or after `stopWhenIdleMs` of quiet with all
 *   shards caught up; `checkpoint()` then tells where to resume.
 *
 * Shards are polled one call at a time, so a slow consumer slows the reading instead of filling memory.
 *
 * @example
 * ```ts
 * const reader = readKinesisRecords({ client: createKinesisClient(), stream: "pins", stopWhenIdleMs: 2000 });
 * for await (const item of reader) console.log(item.shardId, item.sequenceNumber);
 * const checkpoint = reader.checkpoint();
 * ```
 */
export function readKinesisRecords(options: ReadKinesisRecordsOptions): KinesisRecordStream {
  const limit = options.maxRecordsPerCall ?? 10_000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new RangeError(`maxRecordsPerCall must be an integer in 1..10000, got ${limit}`);
  }
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  if (!Number.isFinite(pollIntervalMs) || pollIntervalMs < 0) {
    throw new RangeError(`pollIntervalMs must be ≥ 0, got ${pollIntervalMs}`);
  }
  const idleMs = options.stopWhenIdleMs;
  if (idleMs !== undefined && (!Number.isFinite(idleMs) || idleMs < 0)) {
    throw new RangeError(`stopWhenIdleMs must be ≥ 0, got ${idleMs}`);
  }
  const maxThrottleRetries = options.maxThrottleRetries ?? 30;
  if (!Number.isInteger(maxThrottleRetries) || maxThrottleRetries < 0) {
    throw new RangeError(`maxThrottleRetries must be a non-negative integer, got ${maxThrottleRetries}`);
  }
  const backoff = validateBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const { stream, signal } = options;
  if (options.checkpoint !== undefined && options.checkpoint.stream !== stream) {
    throw new RangeError(`checkpoint is for stream ${options.checkpoint.stream}, not ${stream}`);
  }
  const initialPosition = options.initialPosition ?? { type: "TRIM_HORIZON" };
  // Checks the position now rather than at the first shard.
  shardIteratorRequest(stream, "shardId-000000000000", initialPosition);
  const api = toKinesisReadApi(options.client);

  const progress = new Map<string, KinesisShardCheckpoint>();
  const finished = new Set<string>();
  const readToEnd = new Set<string>();
  for (const [shardId, shard] of Object.entries(options.checkpoint?.shards ?? {})) {
    if (shard.finished) {
      finished.add(shardId);
      readToEnd.add(shardId);
    }
    if (shard.sequenceNumber !== undefined) progress.set(shardId, shard);
  }
  const active = new Map<string, ActiveShard>();

  const checkpoint = (): KinesisCheckpoint => {
    const shards: Record<string, KinesisShardCheckpoint> = {};
    for (const [shardId, shard] of progress) shards[shardId] = { ...shard };
    for (const shardId of finished) shards[shardId] = { ...shards[shardId], finished: true };
    return { stream, shards };
  };

  const reportBackoff = (
    operation: KinesisBackoffEvent["operation"],
    attempt: number,
    error: unknown,
    shardId?: string,
  ): number => {
    const delayMs = backoffDelay(attempt, backoff, options.random);
    const errorName = error instanceof Error ? error.name : String((error as { name?: unknown }).name);
    options.onBackoff?.({
      operation,
      attempt,
      delayMs,
      errorName,
      ...(shardId === undefined ? {} : { shardId }),
    });
    return delayMs;
  };

  const refreshShards = async (): Promise<void> => {
    let shards: Shard[];
    for (let attempt = 1; ; attempt++) {
      try {
        shards = await listKinesisShards({
          api,
          stream,
          ...(signal === undefined ? {} : { signal }),
          maxRetries: 0,
        });
        break;
      } catch (error) {
        if (!isRetryableKinesisError(error) || attempt > maxThrottleRetries || signal?.aborted) throw error;
        await abortableSleep(reportBackoff("ListShards", attempt, error), signal);
      }
    }
    const steps = planShardReads({
      shards,
      initialPosition,
      progress,
      finished,
      readToEnd,
      reading: new Set(active.keys()),
    });
    for (const step of steps) {
      if (step.action === "skip") {
        finished.add(step.shardId);
        continue;
      }
      const saved = progress.get(step.shardId);
      active.set(step.shardId, {
        shardId: step.shardId,
        startPosition: step.position,
        iterator: undefined,
        nextPollAt: 0,
        caughtUp: false,
        throttledAttempts: 0,
        lastPollStartedAt: undefined,
        skipThrough:
          saved?.sequenceNumber !== undefined && saved.subSequenceNumber !== undefined
            ? { sequenceNumber: saved.sequenceNumber, subSequenceNumber: saved.subSequenceNumber }
            : undefined,
      });
    }
  };

  /** Where to get a fresh iterator: after the last delivered record, else where the shard started. */
  const renewalPosition = (shard: ActiveShard): ShardStartPosition => {
    const saved = progress.get(shard.shardId);
    if (saved?.sequenceNumber !== undefined) {
      return saved.subSequenceNumber === undefined
        ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: saved.sequenceNumber }
        : { type: "AT_SEQUENCE_NUMBER", sequenceNumber: saved.sequenceNumber };
    }
    if (shard.startPosition.type === "LATEST" && shard.lastPollStartedAt !== undefined) {
      return { type: "AT_TIMESTAMP", timestamp: new Date(shard.lastPollStartedAt) };
    }
    return shard.startPosition;
  };

  const allCaughtUp = (): boolean => [...active.values()].every((shard) => shard.caughtUp);

  async function* itemsOf(shard: ActiveShard, record: _Record): AsyncGenerator<KinesisSourceItem> {
    const sequenceNumber = record.SequenceNumber ?? "";
    const entries = kinesisPayloadEntries(record);
    const skip = shard.skipThrough;
    shard.skipThrough = undefined;
    for (const [index, entry] of entries.entries()) {
      const last = index === entries.length - 1;
      if (
        skip !== undefined &&
        skip.sequenceNumber === sequenceNumber &&
        entry.subSequenceNumber !== undefined &&
        entry.subSequenceNumber <= skip.subSequenceNumber
      ) {
        continue;
      }
      progress.set(shard.shardId, {
        sequenceNumber,
        ...(last || entry.subSequenceNumber === undefined
          ? {}
          : { subSequenceNumber: entry.subSequenceNumber }),
      });
      const base = {
        stream,
        shardId: shard.shardId,
        sequenceNumber,
        ...(entry.subSequenceNumber === undefined ? {} : { subSequenceNumber: entry.subSequenceNumber }),
        partitionKey: entry.partitionKey,
        arrivalTime: record.ApproximateArrivalTimestamp,
        ...(entry.data === undefined ? {} : { data: entry.data }),
      };
      yield entry.result.ok
        ? { ...base, record: entry.result.value }
        : { ...base, error: entry.result.reason };
    }
    // A record with nothing in it still counts as read.
    progress.set(shard.shardId, { sequenceNumber });
  }

  async function* run(): AsyncGenerator<KinesisSourceItem> {
    let lastRecordAt = Date.now();
    let expiredRenewals = 0;
    await refreshShards();
    while (!signal?.aborted && active.size > 0) {
      if (idleMs !== undefined && allCaughtUp() && Date.now() - lastRecordAt >= idleMs) return;
      const shard = [...active.values()].reduce((a, b) => (b.nextPollAt < a.nextPollAt ? b : a));
      const wait = shard.nextPollAt - Date.now();
      if (wait > 0) {
        const untilIdle = idleMs !== undefined && allCaughtUp() ? lastRecordAt + idleMs - Date.now() : wait;
        await abortableSleep(Math.max(1, Math.min(wait, untilIdle)), signal);
        continue;
      }

      let operation: KinesisBackoffEvent["operation"] = "GetShardIterator";
      let response: Awaited<ReturnType<KinesisReadApi["getRecords"]>>;
      const startedAt = Date.now();
      try {
        if (shard.iterator === undefined) {
          const request = shardIteratorRequest(stream, shard.shardId, renewalPosition(shard));
          shard.iterator = (await api.getShardIterator(request, signal)).ShardIterator;
          if (shard.iterator === undefined)
            throw new Error(`GetShardIterator gave no iterator for ${shard.shardId}`);
        }
        operation = "GetRecords";
        response = await api.getRecords({ ShardIterator: shard.iterator, Limit: limit }, signal);
      } catch (error) {
        if (signal?.aborted) return;
        // A fresh iterator that is already expired means a clock or server problem, not a slow consumer.
        if (isExpiredIteratorError(error) && expiredRenewals < MAX_EXPIRED_RENEWALS) {
          expiredRenewals += 1;
          shard.iterator = undefined;
          continue;
        }
        if (isRetryableKinesisError(error) && shard.throttledAttempts < maxThrottleRetries) {
          shard.throttledAttempts += 1;
          shard.nextPollAt =
            Date.now() + reportBackoff(operation, shard.throttledAttempts, error, shard.shardId);
          continue;
        }
        throw error;
      }
      shard.throttledAttempts = 0;
      expiredRenewals = 0;
      shard.lastPollStartedAt = startedAt;
      const records = response.Records ?? [];
      shard.caughtUp = (response.MillisBehindLatest ?? 0) === 0 && records.length < limit;
      for (const record of records) {
        yield* itemsOf(shard, record);
        if (signal?.aborted) return;
      }
      if (records.length > 0) lastRecordAt = Date.now();

      if (response.NextShardIterator === undefined || response.NextShardIterator === null) {
        // The shard was closed by resharding and is now read to its end: its children may start.
        active.delete(shard.shardId);
        finished.add(shard.shardId);
        readToEnd.add(shard.shardId);
        await refreshShards();
        continue;
      }
      shard.iterator = response.NextShardIterator;
      shard.nextPollAt = shard.caughtUp ? Date.now() + pollIntervalMs : Date.now();
    }
  }

  let started = false;
  return {
    checkpoint,
    [Symbol.asyncIterator]() {
      if (started) throw new Error("readKinesisRecords: a reader can be iterated only once");
      started = true;
      return run();
    },
  };
}
