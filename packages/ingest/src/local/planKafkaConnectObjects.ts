import { formatKafkaConnectKey } from "../kafkaConnect/formatKafkaConnectKey";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { isKafkaTopic } from "../kafkaConnect/kafkaTopic";

/** How records of one table are laid out as Kafka Connect S3 sink objects. */
export interface KafkaConnectLayout {
  /** Topic prefix: the topic is `<prefix>.<table>`, a legal Kafka topic (letters, digits, `.`, `_`, `-`). */
  readonly prefix: string;
  readonly table: SourceTable;
  /** Number of Kafka partitions (≥ 1); record `i` goes to partition `i mod partitions`. */
  readonly partitions: number;
  /** Records per object (Kafka Connect `flush.size`, ≥ 1). */
  readonly recordsPerObject: number;
  /** Gzip objects (`.json.gz`). Default false. */
  readonly gzip?: boolean;
}

/** Where one record lands: its partition, its Kafka offset and the key of the object holding it. */
export interface KafkaConnectPlacement {
  readonly partition: number;
  readonly offset: number;
  /** Offset of the first record of the object, which names the object. */
  readonly objectStartOffset: number;
  readonly key: string;
}

/** One planned object: its key and the indexes (into the record sequence) of its records, in order. */
export interface KafkaConnectObjectPlan {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  readonly startOffset: number;
  readonly recordIndexes: readonly number[];
}

/**
 * Checks a layout, throwing a `RangeError` that names the bad field.
 *
 * @example
 * validateKafkaConnectLayout({ prefix: "a/b", table: "pin", partitions: 1, recordsPerObject: 1 }); // throws
 */
export function validateKafkaConnectLayout(layout: KafkaConnectLayout): void {
  if (typeof layout.prefix !== "string" || layout.prefix === "" || !isKafkaTopic(`${layout.prefix}.pin`)) {
    throw new RangeError(
      `Kafka Connect layout: prefix must make a legal Kafka topic <prefix>.<table>, got ${JSON.stringify(layout.prefix)}`,
    );
  }
  if (!["pin", "geo", "user"].includes(layout.table)) {
    throw new RangeError(
      `Kafka Connect layout: table must be "pin", "geo" or "user", got ${String(layout.table)}`,
    );
  }
  for (const field of ["partitions", "recordsPerObject"] as const) {
    const value = layout[field];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Kafka Connect layout: ${field} must be a positive integer, got ${String(value)}`);
    }
  }
}

/**
 * Places record number `index` (0-based) of a table: round-robin over partitions, offsets counting up
 * within each partition, objects of `recordsPerObject` consecutive offsets named by their first
 * offset. Pure and O(1), so streaming writers (local or S3) need no state to agree on keys.
 *
 * @example
 * placeKafkaConnectRecord(5, { prefix: "p", table: "geo", partitions: 2, recordsPerObject: 2 });
 * // { partition: 1, offset: 2, objectStartOffset: 2, key: "topics/p.geo/partition=1/p.geo+1+0000000002.json" }
 */
export function placeKafkaConnectRecord(index: number, layout: KafkaConnectLayout): KafkaConnectPlacement {
  const partition = index % layout.partitions;
  const offset = Math.floor(index / layout.partitions);
  const objectStartOffset = offset - (offset % layout.recordsPerObject);
  const key = formatKafkaConnectKey({
    topic: `${layout.prefix}.${layout.table}`,
    partition,
    startOffset: objectStartOffset,
    ext: layout.gzip === true ? "json.gz" : "json",
  });
  return { partition, offset, objectStartOffset, key };
}

/**
 * Plans every object for `recordCount` records of a table (see {@link placeKafkaConnectRecord}),
 * ordered by partition then start offset, which is also the order a reader lists them in.
 *
 * @example
 * planKafkaConnectObjects(3, { prefix: "p", table: "pin", partitions: 1, recordsPerObject: 2 }).map((o) => o.recordIndexes);
 * // [[0, 1], [2]]
 */
export function planKafkaConnectObjects(
  recordCount: number,
  layout: KafkaConnectLayout,
): KafkaConnectObjectPlan[] {
  validateKafkaConnectLayout(layout);
  if (!Number.isSafeInteger(recordCount) || recordCount < 0) {
    throw new RangeError(
      `planKafkaConnectObjects: recordCount must be a non-negative integer, got ${String(recordCount)}`,
    );
  }
  const topic = `${layout.prefix}.${layout.table}`;
  const plans: KafkaConnectObjectPlan[] = [];
  for (let partition = 0; partition < layout.partitions; partition++) {
    let current: { key: string; startOffset: number; recordIndexes: number[] } | undefined;
    for (let index = partition; index < recordCount; index += layout.partitions) {
      const placement = placeKafkaConnectRecord(index, layout);
      if (current === undefined || current.startOffset !== placement.objectStartOffset) {
        current = { key: placement.key, startOffset: placement.objectStartOffset, recordIndexes: [] };
        plans.push({
          key: current.key,
          topic,
          partition,
          startOffset: current.startOffset,
          recordIndexes: current.recordIndexes,
        });
      }
      current.recordIndexes.push(index);
    }
  }
  return plans;
}
