import type { KafkaRecordProducer } from "@pinpipe/ingest";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";

/**
 * Options of {@link kafkaEmulatorSink}: the producer, each table's topic and its partition count.
 *
 * @example
 * const options: KafkaEmulatorSinkOptions = {
 *   producer, topics: { pin: "p.pin", geo: "p.geo", user: "p.user" }, partitions: { pin: 6, geo: 6, user: 6 },
 * };
 */
export interface KafkaEmulatorSinkOptions {
  readonly producer: KafkaRecordProducer;
  readonly topics: Readonly<Record<EmulatorTable, string>>;
  readonly partitions: Readonly<Record<EmulatorTable, number>>;
}

/**
 * Produces each table's records to its topic, with no key and the value the JSON text a Confluent
 * REST proxy stores for an embedded-JSON record (the original pipeline's path into MSK). Records go
 * round-robin over a topic's partitions (a table's n-th record to partition n mod count), as
 * `--to dir` lays them out, so the same run gives the same partitions. Posts sent together go in one
 * produce call; a call resolves once the broker stored every record.
 *
 * @example
 * const sink = kafkaEmulatorSink({ producer, topics, partitions: { pin: 1, geo: 1, user: 1 } });
 * await sink.send([post]);
 * await sink.close(); // "1 produce calls, 0 resends"
 */
export function kafkaEmulatorSink(options: KafkaEmulatorSinkOptions): EmulatorSink {
  const { producer, topics, partitions } = options;
  const sent: Record<EmulatorTable, number> = { pin: 0, geo: 0, user: 0 };
  let calls = 0;
  return {
    description: `Kafka topics ${EMULATOR_TABLES.map((table) => topics[table]).join(", ")}`,
    async send(posts) {
      const records = [];
      for (const post of posts) {
        for (const table of EMULATOR_TABLES) {
          const record = post[table];
          if (record === undefined) continue;
          records.push({
            topic: topics[table],
            value: JSON.stringify(record),
            partition: sent[table] % partitions[table],
          });
          sent[table]++;
        }
      }
      if (records.length === 0) return;
      calls++;
      await producer.send(records);
    },
    async close() {
      return `${calls} produce calls, ${producer.retries()} resends`;
    },
  };
}
