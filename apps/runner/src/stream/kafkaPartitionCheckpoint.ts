import type { TableName } from "@pinpipe/clean";
import { parseStreamTotals, type StreamTotals } from "./streamCheckpoint";

/**
 * Format tag of Kafka partition checkpoints.
 *
 * @example
 * KAFKA_CHECKPOINT_FORMAT; // "pinpipe-kafka-checkpoint/1"
 */
export const KAFKA_CHECKPOINT_FORMAT = "pinpipe-kafka-checkpoint/1";

/**
 * The checkpoint of one topic partition (`stream/checkpoints/kafka/<topic>/<partition>.json`),
 * written after the batch files it covers, by whichever group member owns the partition: the next
 * offset to write, the window states and the partition's totals. It, not the group's committed
 * offset, says what the output holds, so a partition moving to another member carries its state.
 *
 * @example
 * const checkpoint: KafkaPartitionCheckpoint = {
 *   format: KAFKA_CHECKPOINT_FORMAT, topic: "p.pin", partition: 0, table: "pin", next: "120", windows: {}, totals,
 * };
 */
export interface KafkaPartitionCheckpoint {
  readonly format: typeof KAFKA_CHECKPOINT_FORMAT;
  readonly topic: string;
  readonly partition: number;
  readonly table: TableName;
  /** The offset of the first record not in the output yet, as a decimal string. */
  readonly next: string;
  /** Aggregate name → serialized window operator state. */
  readonly windows: Readonly<Record<string, unknown>>;
  readonly totals: StreamTotals;
}

/**
 * Where a partition's checkpoint lives under the output root.
 *
 * @example
 * kafkaCheckpointPath("p.pin", 3); // "stream/checkpoints/kafka/p.pin/3.json"
 */
export function kafkaCheckpointPath(topic: string, partition: number): string {
  return `stream/checkpoints/kafka/${topic}/${partition}.json`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a partition checkpoint, checking every part (storage may hold a stale, truncated or
 * hand-edited file); window states are checked when restored.
 *
 * @throws {RangeError} saying which part is wrong, naming the file.
 * @example
 * parseKafkaCheckpoint(text, "p.pin", 0, "pin");
 */
export function parseKafkaCheckpoint(
  text: string,
  topic: string,
  partition: number,
  table: TableName,
): KafkaPartitionCheckpoint {
  const where = kafkaCheckpointPath(topic, partition);
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RangeError("not JSON");
    }
    if (!isObject(value)) throw new RangeError("not a JSON object");
    if (value.format !== KAFKA_CHECKPOINT_FORMAT)
      throw new RangeError(`format is not ${KAFKA_CHECKPOINT_FORMAT}`);
    if (value.topic !== topic || value.partition !== partition) {
      throw new RangeError(
        `it is the checkpoint of ${String(value.topic)} partition ${String(value.partition)}`,
      );
    }
    if (value.table !== table) throw new RangeError(`its table is ${String(value.table)}, not ${table}`);
    if (typeof value.next !== "string" || !/^(0|[1-9][0-9]{0,18})$/.test(value.next)) {
      throw new RangeError("next must be a non-negative decimal offset");
    }
    if (!isObject(value.windows)) throw new RangeError("windows must be an object");
    return {
      format: KAFKA_CHECKPOINT_FORMAT,
      topic,
      partition,
      table,
      next: value.next,
      windows: value.windows,
      totals: parseStreamTotals(value.totals),
    };
  } catch (error) {
    throw new RangeError(`checkpoint ${where} is invalid: ${(error as Error).message}`);
  }
}
