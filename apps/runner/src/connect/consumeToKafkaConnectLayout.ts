import { formatKafkaConnectKey, type KafkaGroupSource, parseKafkaConnectKey } from "@pinpipe/ingest";
import { type KafkaPartitionHandler, runKafkaGroupLoop } from "../kafka/runKafkaGroupLoop";
import type { OutputSink } from "../output/index";
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
 * committed offset, committed after each object, is only where reading starts. Following the group,
 * positions and stopping are `runKafkaGroupLoop`'s, the loop the Kafka stream job runs too.
 *
 * @example
 * const stats = await consumeToKafkaConnectLayout({ source, sink, topics: ["p.pin"], flushSize: 100, idleMs: 5_000 });
 */
export async function consumeToKafkaConnectLayout(
  options: KafkaConnectSinkOptions,
): Promise<KafkaConnectSinkStats> {
  const { source, sink } = options;
  let records = 0;
  let objects = 0;

  async function open(topic: string, partition: number): Promise<PartitionState> {
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

  const handler: KafkaPartitionHandler<PartitionState> = {
    open,
    nextOffset: (state) => state.start + BigInt(state.lines.length),
    async take(state, message) {
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
    },
    flush: write,
  };
  const loop = runKafkaGroupLoop({
    source,
    topics: new Set(options.topics),
    handler,
    idleMs: options.idleMs,
    signal: options.signal,
    takeoverGraceMs: options.takeoverGraceMs,
  });
  await loop.done;
  return { records, objects, rebalances: loop.rebalances() };
}
