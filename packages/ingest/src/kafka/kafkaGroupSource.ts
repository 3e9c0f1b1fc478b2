import { Consumer, type MessagesStream } from "@platformatic/kafka";

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
}

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
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  return undefined;
}

/**
 * Joins the consumer group and starts reading (see {@link KafkaGroupSource}).
 *
 * @throws the client's error when the brokers cannot be reached or a topic does not exist.
 * @example
 * const source = await openKafkaGroupSource({ brokers: ["127.0.0.1:9092"], group: "g", topics: ["p.pin", "p.geo"] });
 * for await (const message of source.messages) console.log(message.topic, message.partition, message.offset);
 * await source.close();
 */
export async function openKafkaGroupSource(options: KafkaGroupSourceOptions): Promise<KafkaGroupSource> {
  const consumer = new Consumer({
    clientId: options.clientId ?? "pinpipe",
    groupId: options.group,
    bootstrapBrokers: [...options.brokers],
    sessionTimeout: options.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
    maxWaitTime: options.maxWaitMs ?? 500,
  });
  let generation = 0;
  let joinedAt = Date.now();
  let rebalancing = true;
  // Emitted synchronously before the rejoin request is sent.
  consumer.on("consumer:group:rebalance", () => {
    generation++;
    rebalancing = true;
  });
  consumer.on("consumer:group:join", () => {
    generation++;
    joinedAt = Date.now();
    rebalancing = false;
  });
  let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  try {
    stream = await consumer.consume({
      topics: [...options.topics],
      mode: "committed",
      fallbackMode: "earliest",
      autocommit: false,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
    });
  } catch (error) {
    await consumer.close().catch(() => {});
    throw error;
  }
  const owned = (): ReadonlyMap<string, readonly number[]> =>
    new Map((consumer.assignments ?? []).map((assignment) => [assignment.topic, assignment.partitions]));

  async function* messages(): AsyncGenerator<KafkaSourceMessage> {
    for await (const message of stream) {
      yield {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        key: toBytes(message.key),
        value: toBytes(message.value),
        timestamp: new Date(Number(message.timestamp)),
      };
    }
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= stream.close();
    return stopped;
  };
  return {
    messages: messages(),
    generation: () => generation,
    joinedAt: () => joinedAt,
    rebalancing: () => rebalancing,
    async endOffsets() {
      const owned = consumer.assignments ?? [];
      const result = new Map<string, bigint>();
      if (owned.length === 0) return result;
      // Every partition of the topics, indexed by partition number.
      const offsets = await consumer.listOffsets({ topics: owned.map((assignment) => assignment.topic) });
      for (const assignment of owned) {
        const ends = offsets.get(assignment.topic) ?? [];
        for (const partition of assignment.partitions) {
          const end = ends[partition];
          if (end !== undefined) result.set(`${assignment.topic}:${partition}`, end);
        }
      }
      return result;
    },
    owns: (topic, partition) =>
      consumer.assignments?.some(
        (assignment) => assignment.topic === topic && assignment.partitions.includes(partition),
      ) ?? false,
    assignments: owned,
    seek(topic, partition, offset) {
      stream.offsetsToFetch.set(`${topic}:${partition}`, offset);
    },
    async commit(offsets) {
      if (offsets.length === 0) return undefined;
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
      await consumer.close();
    },
  };
}
