import { Admin } from "@platformatic/kafka";
import {
  createKafkaRecordProducer,
  type KafkaPartitionOffset,
  type KafkaRecordToSend,
} from "../kafka/kafkaRecordProducer";
import { createCoalescingSender } from "./coalescingSender";

/**
 * What the REST Proxy side of the gateway needs from Kafka: a topic's partition count (`undefined`
 * when the topic does not exist) and an idempotent send that answers each partition's base offset.
 *
 * @example
 * const backend: KafkaGatewayBackend = createKafkaGatewayBackend({ brokers: ["127.0.0.1:9092"] });
 */
export interface KafkaGatewayBackend {
  partitionCount(topic: string): Promise<number | undefined>;
  send(records: readonly KafkaRecordToSend[]): Promise<readonly KafkaPartitionOffset[]>;
  close(): Promise<void>;
}

/**
 * Options of {@link createKafkaGatewayBackend}.
 *
 * @example
 * const options: KafkaGatewayBackendOptions = { brokers: ["127.0.0.1:9092"], metadataMaxAgeMs: 10_000 };
 */
export interface KafkaGatewayBackendOptions {
  readonly brokers: readonly string[];
  /** Client id the broker logs (default `pinpipe-gateway`). */
  readonly clientId?: string;
  /** How long a topic's partition count is reused before it is asked again (default 30000 ms). */
  readonly metadataMaxAgeMs?: number;
  /** Milliseconds one Kafka request may take (default 30000). */
  readonly requestTimeoutMs?: number;
  /** Clock for the metadata cache (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * A {@link KafkaGatewayBackend} on real brokers: one idempotent producer (a resend after a lost
 * answer is never stored twice) whose sends are coalesced, one in flight at a time (see
 * {@link createCoalescingSender}: concurrent requests never race their batches to a partition), and
 * one admin client for metadata. Existing topics' partition counts
 * are cached for `metadataMaxAgeMs`; a topic found missing is asked again on the next request, so a
 * topic created meanwhile is served at once. The gateway never creates topics: a request for an
 * unknown topic is answered 40401, as by a proxy in front of a cluster without auto-creation.
 *
 * @example
 * const kafka = createKafkaGatewayBackend({ brokers: ["127.0.0.1:9092"] });
 * await kafka.partitionCount("0a1b.pin"); // 3, or undefined
 * await kafka.close();
 */
export function createKafkaGatewayBackend(options: KafkaGatewayBackendOptions): KafkaGatewayBackend {
  const clientId = options.clientId ?? "pinpipe-gateway";
  const maxAge = options.metadataMaxAgeMs ?? 30_000;
  const now = options.now ?? Date.now;
  const producer = createKafkaRecordProducer({
    brokers: options.brokers,
    clientId,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const admin = new Admin({
    clientId,
    bootstrapBrokers: [...options.brokers],
    retries: 2,
    retryDelay: 250,
  });
  const known = new Map<string, { partitions: number; at: number }>();
  const send = createCoalescingSender((records) => producer.send(records));
  return {
    async partitionCount(topic) {
      const cached = known.get(topic);
      if (cached !== undefined && now() - cached.at < maxAge) return cached.partitions;
      // Listing first: asking metadata for a missing topic could create it on an auto-creating broker.
      const topics = await admin.listTopics();
      if (!topics.includes(topic)) {
        known.delete(topic);
        return undefined;
      }
      const metadata = await admin.metadata({ topics: [topic] });
      const partitions = metadata.topics.get(topic)?.partitionsCount ?? 0;
      if (partitions < 1) return undefined;
      known.set(topic, { partitions, at: now() });
      return partitions;
    },
    send,
    async close() {
      await Promise.allSettled([producer.close(), admin.close()]);
    },
  };
}
