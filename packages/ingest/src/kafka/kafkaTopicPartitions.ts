import { kafkaErrorMessage } from "./kafkaErrorMessage";
import { loadKafkaClient } from "./loadKafkaClient";

/**
 * Options of {@link kafkaTopicPartitions}.
 *
 * @example
 * const options: KafkaTopicPartitionsOptions = { brokers: ["127.0.0.1:9092"], topics: ["p.pin"] };
 */
export interface KafkaTopicPartitionsOptions {
  readonly brokers: readonly string[];
  readonly topics: readonly string[];
  /** Client id the broker logs (default `pinpipe`). */
  readonly clientId?: string;
  /** Resends of a failed request before giving up (default 2). */
  readonly retries?: number;
}

/**
 * How many partitions each of `topics` has on the cluster; a topic that does not exist is absent
 * from the map. A job calls it before it starts, so an unreachable cluster or a mistyped topic is one
 * clear error instead of a consumer waiting for partitions that never come.
 *
 * @throws {Error} "cannot reach the Kafka brokers …" with the cause when no broker answers.
 * @example
 * const partitions = await kafkaTopicPartitions({ brokers: ["127.0.0.1:9092"], topics: ["p.pin", "p.geo"] });
 * partitions.get("p.pin"); // 6
 * partitions.has("p.geo"); // false when it does not exist
 */
export async function kafkaTopicPartitions(
  options: KafkaTopicPartitionsOptions,
): Promise<Map<string, number>> {
  const { Admin } = await loadKafkaClient();
  const admin = new Admin({
    clientId: options.clientId ?? "pinpipe",
    bootstrapBrokers: [...options.brokers],
    retries: options.retries ?? 2,
    retryDelay: 250,
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
    const wanted = options.topics.filter((topic) => existing.has(topic));
    const result = new Map<string, number>();
    if (wanted.length === 0) return result;
    const metadata = await admin.metadata({ topics: wanted });
    for (const topic of wanted) result.set(topic, metadata.topics.get(topic)?.partitionsCount ?? 0);
    return result;
  } finally {
    await admin.close().catch(() => {});
  }
}

/**
 * Options of {@link listKafkaTopics}.
 *
 * @example
 * const options: ListKafkaTopicsOptions = { brokers: ["127.0.0.1:9092"] };
 */
export interface ListKafkaTopicsOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
}

/**
 * The names of the cluster's topics (internal ones left out), sorted.
 *
 * @throws {Error} "cannot reach the Kafka brokers …" with the cause when no broker answers.
 * @example
 * const topics = await listKafkaTopics({ brokers: ["127.0.0.1:9092"] });
 * topics.filter((topic) => /^0a1b\./.test(topic));
 */
export async function listKafkaTopics(options: ListKafkaTopicsOptions): Promise<string[]> {
  const { Admin } = await loadKafkaClient();
  const admin = new Admin({
    clientId: options.clientId ?? "pinpipe",
    bootstrapBrokers: [...options.brokers],
    retries: 2,
    retryDelay: 250,
  });
  try {
    return (await admin.listTopics()).sort();
  } catch (error) {
    throw new Error(
      `cannot reach the Kafka brokers ${options.brokers.join(",")}: ${kafkaErrorMessage(error)}`,
    );
  } finally {
    await admin.close().catch(() => {});
  }
}
