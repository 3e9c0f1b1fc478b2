import { murmur2 } from "@platformatic/kafka";

/**
 * Picks the partition of a record sent without one, so the gateway knows each record's partition and
 * can answer its offset. Keyed records go where Kafka's default Java partitioner puts them
 * (murmur2 of the key bytes, sign bit cleared, modulo the partition count), so a key keeps its
 * partition whoever produced it; records without a key go round-robin per topic.
 *
 * @example
 * const partitioner: RecordPartitioner = createRecordPartitioner();
 */
export interface RecordPartitioner {
  partitionOf(topic: string, partitions: number, key?: Uint8Array): number;
}

/**
 * Creates a {@link RecordPartitioner} with its own round-robin counters.
 *
 * @example
 * const partitioner = createRecordPartitioner();
 * [0, 1, 2].map(() => partitioner.partitionOf("t", 2)); // [0, 1, 0]
 */
export function createRecordPartitioner(): RecordPartitioner {
  const next = new Map<string, number>();
  return {
    partitionOf(topic, partitions, key) {
      if (!Number.isInteger(partitions) || partitions < 1) {
        throw new RangeError(`partitions must be a positive integer, got ${String(partitions)}`);
      }
      if (key !== undefined) {
        return (murmur2(Buffer.from(key.buffer, key.byteOffset, key.byteLength)) & 0x7fffffff) % partitions;
      }
      const turn = next.get(topic) ?? 0;
      next.set(topic, (turn + 1) % partitions);
      return turn % partitions;
    },
  };
}
