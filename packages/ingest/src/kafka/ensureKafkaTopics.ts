import { kafkaErrorMessage } from "./kafkaErrorMessage";
import { loadKafkaClient } from "./loadKafkaClient";

/**
 * Options of {@link ensureKafkaTopics}.
 *
 * @example
 * const options: EnsureKafkaTopicsOptions = { brokers: ["127.0.0.1:9092"], topics: ["p.pin"], partitions: 6 };
 */
export interface EnsureKafkaTopicsOptions {
  readonly brokers: readonly string[];
  readonly topics: readonly string[];
  /** Partitions of the topics that are created (existing ones are left as they are). */
  readonly partitions: number;
  /** Client id the broker logs (default `pinpipe`). */
  readonly clientId?: string;
}

/**
 * Creates those of `topics` that do not exist yet, with `partitions` partitions and the brokers'
 * default replication factor. Returns each topic's partition count afterwards, created or not.
 *
 * @throws {Error} "cannot reach the Kafka brokers …" with the cause, or the client's error when the
 *   brokers refuse the creation.
 * @example
 * const counts = await ensureKafkaTopics({ brokers: ["127.0.0.1:9092"], topics: ["p.pin", "p.geo"], partitions: 3 });
 * counts.get("p.pin"); // 3
 */
export async function ensureKafkaTopics(options: EnsureKafkaTopicsOptions): Promise<Map<string, number>> {
  if (!Number.isInteger(options.partitions) || options.partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${options.partitions}`);
  }
  const { Admin } = await loadKafkaClient();
  const admin = new Admin({
    clientId: options.clientId ?? "pinpipe",
    bootstrapBrokers: [...options.brokers],
  });
  try {
    let existing: Set<string>;
    try {
      existing = new Set(await admin.listTopics());
    } catch (error) {
      throw new Error(
        `cannot reach the Kafka brokers ${options.brokers.join(",")}: ${kafkaErrorMessage(error)}`,
      );
    }
    const missing = options.topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // -1: the broker's default.replication.factor.
      await admin.createTopics({ topics: missing, partitions: options.partitions, replicas: -1 });
    }
    const metadata = await admin.metadata({ topics: [...options.topics] });
    const counts = new Map<string, number>();
    for (const topic of options.topics) counts.set(topic, metadata.topics.get(topic)?.partitionsCount ?? 0);
    return counts;
  } finally {
    await admin.close();
  }
}
