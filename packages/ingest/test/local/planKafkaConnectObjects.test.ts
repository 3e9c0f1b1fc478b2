import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type KafkaConnectLayout,
  parseKafkaConnectKey,
  placeKafkaConnectRecord,
  planKafkaConnectObjects,
} from "../../src/index";

const layout = (overrides: Partial<KafkaConnectLayout> = {}): KafkaConnectLayout => ({
  prefix: "0a1b2c3d",
  table: "pin",
  partitions: 1,
  recordsPerObject: 1,
  ...overrides,
});

describe("placeKafkaConnectRecord", () => {
  it("places records round-robin, counting offsets per partition, objects named by their first offset", () => {
    const l = layout({ table: "geo", partitions: 3, recordsPerObject: 2 });
    expect(placeKafkaConnectRecord(0, l)).toEqual({
      partition: 0,
      offset: 0,
      objectStartOffset: 0,
      key: "topics/0a1b2c3d.geo/partition=0/0a1b2c3d.geo+0+0000000000.json",
    });
    expect(placeKafkaConnectRecord(10, l)).toEqual({
      partition: 1,
      offset: 3,
      objectStartOffset: 2,
      key: "topics/0a1b2c3d.geo/partition=1/0a1b2c3d.geo+1+0000000002.json",
    });
    expect(placeKafkaConnectRecord(10, { ...l, gzip: true }).key).toMatch(/\+0000000002\.json\.gz$/);
  });
});

describe("planKafkaConnectObjects", () => {
  it("plans the objects of a small table", () => {
    const plans = planKafkaConnectObjects(5, layout({ partitions: 2, recordsPerObject: 2 }));
    expect(plans.map((p) => [p.partition, p.startOffset, p.recordIndexes])).toEqual([
      [0, 0, [0, 2]],
      [0, 2, [4]],
      [1, 0, [1, 3]],
    ]);
    expect(plans.every((p) => p.topic === "0a1b2c3d.pin")).toBe(true);
    expect(planKafkaConnectObjects(0, layout())).toEqual([]);
  });

  it("puts every record in exactly one object of at most recordsPerObject consecutive offsets (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (count, partitions, recordsPerObject, gzip) => {
          const l = layout({ partitions, recordsPerObject, gzip });
          const plans = planKafkaConnectObjects(count, l);
          const seen = plans.flatMap((p) => p.recordIndexes);
          expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
          expect(new Set(plans.map((p) => p.key)).size).toBe(plans.length);
          for (const plan of plans) {
            expect(plan.recordIndexes.length).toBeGreaterThan(0);
            expect(plan.recordIndexes.length).toBeLessThanOrEqual(recordsPerObject);
            const placements = plan.recordIndexes.map((i) => placeKafkaConnectRecord(i, l));
            expect(placements.map((p) => p.offset)).toEqual(placements.map((_, k) => plan.startOffset + k));
            expect(placements.every((p) => p.key === plan.key && p.partition === plan.partition)).toBe(true);
            // The key parses back (codec of the Kafka Connect package) to the planned place.
            const parsed = parseKafkaConnectKey(plan.key);
            expect(parsed.ok && parsed.value).toMatchObject({
              topic: plan.topic,
              partition: plan.partition,
              startOffset: BigInt(plan.startOffset),
              compression: gzip ? "gzip" : "none",
              table: "pin",
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    [layout({ prefix: "" }), /prefix/],
    [layout({ prefix: "a/b" }), /prefix/],
    [layout({ prefix: "a+b" }), /prefix/],
    [layout({ table: "clicks" as never }), /table/],
    [layout({ partitions: 0 }), /partitions/],
    [layout({ recordsPerObject: 1.5 }), /recordsPerObject/],
  ])("rejects an invalid layout %o", (bad, message) => {
    expect(() => planKafkaConnectObjects(1, bad)).toThrow(message);
  });

  it("rejects a negative or fractional record count", () => {
    expect(() => planKafkaConnectObjects(-1, layout())).toThrow(/recordCount/);
    expect(() => planKafkaConnectObjects(2.5, layout())).toThrow(/recordCount/);
  });
});
