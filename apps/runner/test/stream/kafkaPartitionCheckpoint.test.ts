import { describe, expect, it } from "vitest";
import {
  KAFKA_CHECKPOINT_FORMAT,
  type KafkaPartitionCheckpoint,
  kafkaCheckpointPath,
  parseKafkaCheckpoint,
} from "../../src/stream/kafkaPartitionCheckpoint";
import { addBatchCounts, ZERO_TOTALS } from "../../src/stream/streamCheckpoint";

const totals = addBatchCounts(ZERO_TOTALS, {
  in: 3,
  clean: 2,
  rejected: 1,
  duplicates: 0,
  byReason: { ...ZERO_TOTALS.byReason, invalid_json: 1 },
  byRule: {},
  byField: {},
  late: 0,
});

const checkpoint: KafkaPartitionCheckpoint = {
  format: KAFKA_CHECKPOINT_FORMAT,
  topic: "p.pin",
  partition: 2,
  table: "pin",
  next: "3",
  windows: { posts_per_category: { any: "state" } },
  totals,
};

describe("Kafka partition checkpoints", () => {
  it("live at stream/checkpoints/kafka/<topic>/<partition>.json", () => {
    expect(kafkaCheckpointPath("p.pin", 2)).toBe("stream/checkpoints/kafka/p.pin/2.json");
  });

  it("read back what was written", () => {
    expect(parseKafkaCheckpoint(JSON.stringify(checkpoint), "p.pin", 2, "pin")).toEqual(checkpoint);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["another format", JSON.stringify({ ...checkpoint, format: "x" }), /format is not/],
    [
      "another partition",
      JSON.stringify({ ...checkpoint, partition: 3 }),
      /checkpoint of p\.pin partition 3/,
    ],
    ["another table", JSON.stringify({ ...checkpoint, table: "geo" }), /table is geo/],
    ["a negative offset", JSON.stringify({ ...checkpoint, next: "-1" }), /next must be/],
    ["a numeric offset", JSON.stringify({ ...checkpoint, next: 3 }), /next must be/],
    [
      "totals that do not add up",
      JSON.stringify({ ...checkpoint, totals: { ...totals, in: 9 } }),
      /reconcile/,
    ],
  ])("refuse %s, naming the file", (_what, text, reason) => {
    expect(() => parseKafkaCheckpoint(text, "p.pin", 2, "pin")).toThrow(reason);
    expect(() => parseKafkaCheckpoint(text, "p.pin", 2, "pin")).toThrow(
      /stream\/checkpoints\/kafka\/p\.pin\/2\.json/,
    );
  });
});
