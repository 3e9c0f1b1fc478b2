import { describe, expect, it } from "vitest";
import { createRecordPartitioner } from "../../src/gateway/recordPartitioner";

describe("createRecordPartitioner", () => {
  it("spreads records without a key round-robin, per topic", () => {
    const partitioner = createRecordPartitioner();
    expect([1, 2, 3, 4].map(() => partitioner.partitionOf("a", 3))).toEqual([0, 1, 2, 0]);
    expect(partitioner.partitionOf("b", 3)).toBe(0);
  });
  it("puts a key where Kafka's default partitioner does", () => {
    const partitioner = createRecordPartitioner();
    const bytes = (text: string) => new TextEncoder().encode(text);
    const first = partitioner.partitionOf("t", 6, bytes("key"));
    expect(partitioner.partitionOf("t", 6, bytes("key"))).toBe(first);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(6);
  });
  it("refuses a partition count below one", () => {
    expect(() => createRecordPartitioner().partitionOf("t", 0)).toThrow(RangeError);
  });
});
