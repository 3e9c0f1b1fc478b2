import type { Consumer, MessagesStream } from "@platformatic/kafka";
import { loadKafkaClient } from "./loadKafkaClient";

/**
 * One message read from a topic partition: its position, its key and value bytes as stored
 * (`undefined` when the message has none: a value-less message is a tombstone) and its timestamp.
 *
 * @example
 * const message: KafkaSourceMessage = { topic: "p.pin", partition: 0, offset: 41n, key: undefined, value: bytes, timestamp: new Date() };
 */
export interface KafkaSourceMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: Uint8Array | undefined;
  readonly value: Uint8Array | undefined;
  /** The record's timestamp (producer time, or the broker's with LogAppendTime). */
  readonly timestamp: Date;
}

/**
 * Options of {@link openKafkaGroupSource}.
 *
 * @example
 * const options: KafkaGroupSourceOptions = { brokers: ["127.0.0.1:9092"], group: "stream", topics: ["p.pin"] };
 */
export interface KafkaGroupSourceOptions {
  readonly brokers: readonly string[];
  /** The consumer group: its members share the topics' partitions. */
  readonly group: string;
  readonly topics: readonly string[];
  /** Client id the broker logs (default `pinpipe`). */
  readonly clientId?: string;
  /** How long the group waits for a silent member before giving its partitions to others (default 10000 ms). */
  readonly sessionTimeoutMs?: number;
  /** Heartbeats to the group coordinator (default 1000 ms). */
  readonly heartbeatIntervalMs?: number;
  /** Longest wait of a fetch for new records (default 500 ms). */
  readonly maxWaitMs?: number;
  /**
   * How long a request (a fetch, a heartbeat, a join) is retried, once a second, while the brokers
   * cannot be reached before reading fails (default 60000 ms): a broker restart is waited out.
   */
  readonly retryForMs?: number;
}

/** Wait between two tries of a failed request. */
const RETRY_DELAY_MS = 1_000;

/**
 * A member of a consumer group reading its share of the topics' partitions. Reading starts at each
 * partition's committed offset (the oldest record when none is committed); the reader keeps its
 * own positions of record and moves the group's offsets with `commit` only as a hint of where to
 * start, and with `seek` when a partition must be read from elsewhere.
 *
 * @example
 * const source = await openKafkaGroupSource({ brokers, group: "stream", topics: ["p.pin"] });
 * for await (const message of source.messages) if (!source.owns(message.topic, message.partition)) continue;
 */
export interface KafkaGroupSource {
  /** The messages of the partitions this member owns, in offset order per partition; ends after `stop()`. */
  readonly messages: AsyncIterable<KafkaSourceMessage>;
  /**
   * Bumped when this member learns that the group is rebalancing (before it asks to rejoin, so
   * before any other member can be given its partitions) and again when the group gave it its
   * partitions: partitions owned before may now be another member's, and reading may restart at the
   * committed offsets.
   */
  generation(): number;
  /** `Date.now()` when the group last gave this member its partitions. */
  joinedAt(): number;
  /**
   * True until the group first gave this member its partitions, and from the moment it learns of a
   * rebalance until the group gives them again.
   */
  rebalancing(): boolean;
  /**
   * The offset after the last record of each partition this member owns (`<topic>:<partition>` →
   * offset), asked of the brokers now: a reader at these offsets has read everything written so far.
   */
  endOffsets(): Promise<Map<string, bigint>>;
  /** Whether this member owns the partition in the current generation. */
  owns(topic: string, partition: number): boolean;
  /** The partitions this member owns now, per topic. */
  assignments(): ReadonlyMap<string, readonly number[]>;
  /** Reads the partition from `offset` on with the next fetch. */
  seek(topic: string, partition: number, offset: bigint): void;
  /** Commits the group's offset of partitions (the next offset to read); a refusal (a rebalance) is returned, not thrown. */
  commit(
    offsets: readonly { topic: string; partition: number; offset: bigint }[],
  ): Promise<Error | undefined>;
  /** Ends `messages` (the member stays in the group until `close`). */
  stop(): Promise<void>;
  /** Leaves the group and closes the connections. */
  close(): Promise<void>;
  /** Times reading failed and this member joined the group again as a new consumer (see `openKafkaGroupSource`). */
  reconnects(): number;
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  return undefined;
}

/**
 * Joins the consumer group and starts reading (see {@link KafkaGroupSource}).
 *
 * When reading fails after it started (a broker restarted or moved a partition's leadership: the
 * client's fetches then fail for good with a fenced leader epoch or an offset out of range), the
 * member leaves and joins the group again as a new consumer, for up to `retryForMs` of failures in a
 * row; to its reader this is a rebalance (`generation` and `rebalancing` change, reading starts
 * again at the committed offsets), so positions kept with the output stay right.
 *
 * @throws the client's error when the brokers cannot be reached or a topic does not exist.
 * @example
 * const source = await openKafkaGroupSource({ brokers: ["127.0.0.1:9092"], group: "g", topics: ["p.pin", "p.geo"] });
 * for await (const message of source.messages) console.log(message.topic, message.partition, message.offset);
 * await source.close();
 */
export async function openKafkaGroupSource(options: KafkaGroupSourceOptions): Promise<KafkaGroupSource> {
  const retryForMs = options.retryForMs ?? 60_000;
  if (!Number.isFinite(retryForMs) || retryForMs < 0) {
    throw new RangeError(`retryForMs must be a non-negative number, got ${String(options.retryForMs)}`);
  }
  let generation = 0;
  let joinedAt = Date.now();
  let rebalancing = true;
  let reconnects = 0;

  async function connect(): Promise<{
    readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>;
    readonly stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  }> {
    const { Consumer } = await loadKafkaClient();
    const consumer = new Consumer({
      // The process id tells the members of one host apart where the group is described
      // (kafka-consumer-groups.sh --describe --members, DescribeGroups).
      clientId: `${options.clientId ?? "pinpipe"}-${process.pid}`,
      // The client's default (3 tries a second apart) gives up during a broker restart.
      retries: Math.ceil(retryForMs / RETRY_DELAY_MS),
      retryDelay: RETRY_DELAY_MS,
      groupId: options.group,
      bootstrapBrokers: [...options.brokers],
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
      maxWaitTime: options.maxWaitMs ?? 500,
    });
    // Emitted synchronously before the rejoin request is sent.
    consumer.on("consumer:group:rebalance", () => {
      if (consumer !== current?.consumer) return;
      generation++;
      rebalancing = true;
    });
    consumer.on("consumer:group:join", () => {
      if (consumer !== current?.consumer && current !== undefined) return;
      generation++;
      joinedAt = Date.now();
      rebalancing = false;
    });
    try {
      const stream = await consumer.consume({
        topics: [...options.topics],
        mode: "committed",
        fallbackMode: "earliest",
        autocommit: false,
        sessionTimeout: options.sessionTimeoutMs ?? 10_000,
        heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
      });
      return { consumer, stream };
    } catch (error) {
      await consumer.close().catch(() => {});
      throw error;
    }
  }

  let current: Awaited<ReturnType<typeof connect>> | undefined;
  current = await connect();
  let stopping = false;

  const owned = (): ReadonlyMap<string, readonly number[]> =>
    new Map(
      (current?.consumer.assignments ?? []).map((assignment) => [assignment.topic, assignment.partitions]),
    );

  /** Replaces a consumer whose reading failed; resolves false when it is time to give up. */
  async function reconnect(failingSince: number): Promise<boolean> {
    const old = current;
    // From now until the new consumer joins, nothing this member owned is its own.
    generation++;
    rebalancing = true;
    current = undefined;
    // Forced: the failed stream may never end on its own; errors of a broken connection do not matter here.
    if (old !== undefined) await new Promise<void>((resolve) => old.consumer.close(true, () => resolve()));
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      if (stopping) return false;
      try {
        current = await connect();
        reconnects++;
        return true;
      } catch (error) {
        if (Date.now() - failingSince >= retryForMs) throw error;
      }
    }
    return false;
  }

  async function* messages(): AsyncGenerator<KafkaSourceMessage> {
    let failingSince: number | undefined;
    while (current !== undefined) {
      try {
        for await (const message of current.stream) {
          failingSince = undefined;
          yield {
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            key: toBytes(message.key),
            value: toBytes(message.value),
            timestamp: new Date(Number(message.timestamp)),
          };
        }
        return;
      } catch (error) {
        if (stopping) return;
        failingSince ??= Date.now();
        if (Date.now() - failingSince >= retryForMs) throw error;
        if (!(await reconnect(failingSince))) return;
      }
    }
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping = true;
    stopped ??= current?.stream.close() ?? Promise.resolve();
    return stopped;
  };
  return {
    messages: messages(),
    generation: () => generation,
    joinedAt: () => joinedAt,
    rebalancing: () => rebalancing,
    reconnects: () => reconnects,
    async endOffsets() {
      const consumer = current?.consumer;
      const assigned = consumer?.assignments ?? [];
      const result = new Map<string, bigint>();
      if (consumer === undefined || assigned.length === 0) return result;
      // Every partition of the topics, indexed by partition number.
      const offsets = await consumer.listOffsets({ topics: assigned.map((assignment) => assignment.topic) });
      for (const assignment of assigned) {
        const ends = offsets.get(assignment.topic) ?? [];
        for (const partition of assignment.partitions) {
          const end = ends[partition];
          if (end !== undefined) result.set(`${assignment.topic}:${partition}`, end);
        }
      }
      return result;
    },
    owns: (topic, partition) =>
      current?.consumer.assignments?.some(
        (assignment) => assignment.topic === topic && assignment.partitions.includes(partition),
      ) ?? false,
    assignments: owned,
    seek(topic, partition, offset) {
      current?.stream.offsetsToFetch.set(`${topic}:${partition}`, offset);
    },
    async commit(offsets) {
      if (offsets.length === 0) return undefined;
      const consumer = current?.consumer;
      if (consumer === undefined) return new Error("the member is joining the group again");
      try {
        await consumer.commit({ offsets: offsets.map((entry) => ({ ...entry, leaderEpoch: -1 })) });
        return undefined;
      } catch (error) {
        return error as Error;
      }
    },
    stop,
    async close() {
      await stop().catch(() => {});
      await current?.consumer.close();
    },
  };
}
