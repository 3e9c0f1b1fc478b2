import { IngestInputError } from "./ingestInputError";
import type { KafkaConnectKey } from "./parseKafkaConnectKey";

/** The part of a parsed key that orders S3 sink objects. */
export type KafkaConnectKeyOrder = Pick<KafkaConnectKey, "topic" | "partition" | "startOffset"> &
  Partial<Pick<KafkaConnectKey, "prefix" | "compression">>;

const check = (key: KafkaConnectKeyOrder, side: string): void => {
  if (typeof key !== "object" || key === null) {
    throw new IngestInputError("compareKafkaConnectKeys", `${side} is not a key`);
  }
  if (
    typeof key.topic !== "string" ||
    !Number.isInteger(key.partition) ||
    typeof key.startOffset !== "bigint"
  ) {
    throw new IngestInputError(
      "compareKafkaConnectKeys",
      `${side} needs a string topic, an integer partition and a bigint startOffset`,
    );
  }
};

const order = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders parsed S3 sink keys by topic, then partition, then start offset, all numerically (so offset 10
 * sorts after 9 even when a producer did not zero-pad), which is the order their records were written
 * in. Ties fall back to prefix and compression so the order is total.
 *
 * @throws {IngestInputError} when a side lacks a string topic, integer partition or bigint offset.
 * @example
 * const keys = ["topics/t.pin/partition=0/t.pin+0+10.json", "topics/t.pin/partition=0/t.pin+0+9.json"]
 *   .map((key) => parseKafkaConnectKey(key))
 *   .flatMap((result) => (result.ok ? [result.value] : []));
 * keys.sort(compareKafkaConnectKeys).map((key) => key.startOffset); // [9n, 10n]
 */
export function compareKafkaConnectKeys(a: KafkaConnectKeyOrder, b: KafkaConnectKeyOrder): number {
  check(a, "left key");
  check(b, "right key");
  return (
    order(a.topic, b.topic) ||
    order(a.partition, b.partition) ||
    order(a.startOffset, b.startOffset) ||
    order(a.prefix ?? "", b.prefix ?? "") ||
    order(a.compression ?? "none", b.compression ?? "none")
  );
}
