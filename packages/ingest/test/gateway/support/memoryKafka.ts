import type { KafkaGatewayBackend } from "../../../src/gateway/kafkaGatewayBackend";
import type { KafkaRecordToSend } from "../../../src/kafka/kafkaRecordProducer";

/**
 * An in-memory Kafka stand-in for unit tests: topics named `known.*` exist with two partitions, sends
 * are recorded (each answered with the count of records sent before as base offset) and can be held,
 * to see requests in flight; `failWith` makes the next sends throw.
 *
 * @example
 * const kafka = memoryKafka();
 * kafka.holdSends(); // ... later: kafka.release();
 */
export function memoryKafka() {
  const sent: KafkaRecordToSend[] = [];
  let hold: Promise<void> | undefined;
  let release = () => {};
  let failure: unknown;
  const backend: KafkaGatewayBackend = {
    partitionCount: async (topic) => (topic.startsWith("known.") ? 2 : undefined),
    async send(records) {
      if (hold !== undefined) await hold;
      if (failure !== undefined) throw failure;
      const first = sent.length;
      sent.push(...records);
      return [...new Set(records.map((r) => r.partition!))].map((partition) => ({
        topic: records[0]!.topic,
        partition,
        offset: BigInt(first),
      }));
    },
    close: async () => {},
  };
  return {
    backend,
    sent,
    holdSends() {
      hold = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
    failWith(error: unknown) {
      failure = error;
    },
  };
}
