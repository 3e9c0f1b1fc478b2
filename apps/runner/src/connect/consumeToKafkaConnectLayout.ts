import {
  formatKafkaConnectKey,
  type KafkaGroupSource,
  type KafkaSourceMessage,
  parseKafkaConnectKey,
} from "@pinpipe/ingest";
import type { OutputSink } from "../output/index";
import { SerialQueue } from "../stream/serialQueue";
import { kafkaConnectLine } from "./kafkaConnectLine";

/**
 * Options of {@link consumeToKafkaConnectLayout}.
 *
 * @example
 * const options: KafkaConnectSinkOptions = { source, sink, topics: ["p.pin"], flushSize: 100 };
 */
export interface KafkaConnectSinkOptions {
  /** A member of the consumer group reading `topics`. */
  readonly source: KafkaGroupSource;
  /** The output root; objects go under its `topics/` folder. */
  readonly sink: OutputSink;
  readonly topics: readonly string[];
  /** Records per object (`flush.size`). */
  readonly flushSize: number;
  /**
   * `rotate.interval.ms`: an object is also closed when a record's timestamp is this far past its first
   * record's (record time, so a replay cuts at the same places). Default: none.
   */
  readonly rotateIntervalMs?: number;
  /** Stop once every owned partition is read to its end and no record came for this long; the open objects are written (partly filled). */
  readonly idleMs?: number;
  /** Graceful stop: open objects are written, then the run resolves. */
  readonly signal?: AbortSignal;
  /** Wait after joining the group before reading a partition's objects (default 1000 ms). */
  readonly takeoverGraceMs?: number;
}

/**
 * What {@link consumeToKafkaConnectLayout} wrote in this run.
 *
 * @example
 * const stats: KafkaConnectSinkStats = { records: 10, objects: 1, rebalances: 0 };
 */
export interface KafkaConnectSinkStats {
  readonly records: number;
  readonly objects: number;
  readonly rebalances: number;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** Offset the open object starts at (the next record to write when it is empty). */
  start: bigint;
  lines: string[];
  firstTimestamp: number;
  since: number;
}

const TICK_MS = 200;

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return lines;
}

/**
 * Writes the topics' records to the Kafka Connect S3 sink layout as one member of a consumer group:
 * `topics/<topic>/partition=<p>/<topic>+<p>+<startOffset, 10 digits>.json`, one line per record (see
 * `kafkaConnectLine`), an object per `flushSize` records (or earlier by `rotateIntervalMs` of record
 * time, or at stop), so `pinpipe batch` reads it as it reads the real sink's output.
 *
 * Exactly once, with the positions in the output itself: an object starts at the offset where the
 * previous one ended, so when a member takes a partition (at start, after a crash or a rebalance) it
 * lists the partition's objects, reads the last one's line count and resumes at the offset after it;
 * a replay cuts at the same offsets and rewrites the same objects with the same bytes. The group's
 * committed offset, committed after each object, is only where reading starts.
 *
 * @example
 * const stats = await consumeToKafkaConnectLayout({ source, sink, topics: ["p.pin"], flushSize: 100, idleMs: 5_000 });
 */
export async function consumeToKafkaConnectLayout(
  options: KafkaConnectSinkOptions,
): Promise<KafkaConnectSinkStats> {
  const { source, sink } = options;
  const wanted = new Set(options.topics);
  const states = new Map<string, PartitionState>();
  let seenGeneration = source.generation();
  let rebalances = 0;
  let records = 0;
  let objects = 0;
  let lastMessageAt = Date.now();

  async function open(topic: string, partition: number): Promise<PartitionState> {
    const wait = source.joinedAt() + (options.takeoverGraceMs ?? 1_000) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let start = 0n;
    let last: string | undefined;
    for (const path of await sink.list(`topics/${topic}/partition=${partition}/`)) {
      const key = parseKafkaConnectKey(path);
      if (!key.ok || key.value.topic !== topic || key.value.partition !== partition) continue;
      if (last === undefined || key.value.startOffset > start) {
        start = key.value.startOffset;
        last = path;
      }
    }
    if (last !== undefined) {
      const body = await sink.get(last);
      start += BigInt(body === undefined ? 0 : countLines(body));
    }
    return { topic, partition, start, lines: [], firstTimestamp: 0, since: Date.now() };
  }

  async function followGroup(): Promise<void> {
    if (source.generation() !== seenGeneration) {
      seenGeneration = source.generation();
      rebalances++;
      states.clear();
    }
    if (source.rebalancing()) return;
    for (const [topic, partitions] of source.assignments()) {
      if (!wanted.has(topic)) continue;
      for (const partition of partitions) {
        const key = `${topic}\u0000${partition}`;
        if (states.has(key)) continue;
        const state = await open(topic, partition);
        if (source.generation() !== seenGeneration) return;
        states.set(key, state);
        source.seek(topic, partition, state.start);
      }
    }
  }

  async function write(state: PartitionState): Promise<void> {
    if (state.lines.length === 0) return;
    const epoch = source.generation();
    const path = formatKafkaConnectKey({
      topic: state.topic,
      partition: state.partition,
      startOffset: state.start,
      ext: "json",
    });
    const body = `${state.lines.join("\n")}\n`;
    const count = state.lines.length;
    state.lines = [];
    await sink.put(path, body);
    state.start += BigInt(count);
    records += count;
    objects++;
    if (source.generation() === epoch) {
      await source.commit([{ topic: state.topic, partition: state.partition, offset: state.start }]);
    }
  }

  async function take(message: KafkaSourceMessage): Promise<void> {
    lastMessageAt = Date.now();
    await followGroup();
    if (source.rebalancing() || !source.owns(message.topic, message.partition)) return;
    const state = states.get(`${message.topic}\u0000${message.partition}`);
    if (state === undefined) return;
    const expected = state.start + BigInt(state.lines.length);
    if (message.offset < expected) return;
    if (message.offset > expected) {
      source.seek(message.topic, message.partition, expected);
      return;
    }
    const time = message.timestamp.getTime();
    if (
      options.rotateIntervalMs !== undefined &&
      state.lines.length > 0 &&
      time - state.firstTimestamp >= options.rotateIntervalMs
    ) {
      await write(state);
    }
    if (state.lines.length === 0) {
      state.firstTimestamp = time;
      state.since = Date.now();
    }
    state.lines.push(kafkaConnectLine(message.value));
    if (state.lines.length >= options.flushSize) await write(state);
  }

  /** Whether every owned partition is read to its end (idle time alone would stop a member still joining). */
  async function caughtUp(): Promise<boolean> {
    if (source.rebalancing() || source.generation() !== seenGeneration) return false;
    const ends = await source.endOffsets();
    for (const [topic, partitions] of source.assignments()) {
      if (!wanted.has(topic)) continue;
      for (const partition of partitions) {
        const state = states.get(`${topic}\u0000${partition}`);
        const end = ends.get(`${topic}:${partition}`);
        if (state === undefined || end === undefined || state.start + BigInt(state.lines.length) < end)
          return false;
      }
    }
    return true;
  }

  const queue = new SerialQueue();
  let failure: { readonly error: unknown } | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void source.stop();
  };
  const onAbort = (): void => stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) stop();
  const tick = async (): Promise<void> => {
    if (failure !== undefined || stopping) return;
    await followGroup();
    if (options.idleMs !== undefined && Date.now() - lastMessageAt >= options.idleMs && (await caughtUp()))
      stop();
  };
  let queued = false;
  const timer = setInterval(() => {
    if (queued) return;
    queued = true;
    queue
      .run(tick)
      .catch((error: unknown) => {
        failure ??= { error };
        stop();
      })
      .finally(() => {
        queued = false;
      });
  }, TICK_MS);
  try {
    for await (const message of source.messages) {
      if (stopping) break;
      await queue.run(() => take(message));
    }
  } catch (error) {
    if (!stopping || failure !== undefined) failure ??= { error };
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (failure === undefined) {
    await queue.run(async () => {
      if (source.generation() !== seenGeneration || source.rebalancing()) return;
      for (const state of [...states.values()]) await write(state);
    });
  }
  await source.close().catch(() => {});
  if (failure !== undefined) throw failure.error;
  return { records, objects, rebalances };
}
