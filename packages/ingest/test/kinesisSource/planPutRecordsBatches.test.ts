import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PUT_RECORDS_LIMITS, type PutRecordsEntry, planPutRecordsBatches } from "../../src/index";

const MiB = 1024 * 1024;

function entry(dataBytes: number, partitionKey = "k"): PutRecordsEntry {
  return { data: new Uint8Array(dataBytes), partitionKey };
}

function bytesOf(entries: readonly PutRecordsEntry[], batch: readonly number[]): number {
  return batch.reduce(
    (sum, index) => sum + entries[index]!.data.byteLength + Buffer.byteLength(entries[index]!.partitionKey),
    0,
  );
}

describe("planPutRecordsBatches", () => {
  it("uses AWS's limits", () => {
    expect(PUT_RECORDS_LIMITS).toEqual({
      maxEntries: 500,
      maxRequestBytes: 5 * MiB,
      maxRecordBytes: MiB,
      maxPartitionKeyLength: 256,
    });
  });

  it("starts a new request at 500 entries or before 5 MiB", () => {
    expect(planPutRecordsBatches(Array.from({ length: 1001 }, () => entry(1))).map((b) => b.length)).toEqual([
      500, 500, 1,
    ]);
    // Six records of 1 MiB minus the key: five fill a request exactly, the sixth starts the next.
    const full = Array.from({ length: 6 }, () => entry(MiB - 1));
    expect(planPutRecordsBatches(full)).toEqual([[0, 1, 2, 3, 4], [5]]);
  });

  it("counts the partition key in the per-record limit", () => {
    expect(() => planPutRecordsBatches([entry(MiB, "k")])).toThrow(/record 0: 1048577 bytes/);
    expect(planPutRecordsBatches([entry(MiB - 2, "kk")])).toEqual([[0]]);
  });

  it("checks partition key length in characters", () => {
    expect(() => planPutRecordsBatches([entry(1, "")])).toThrow(/record 0: partition key/);
    expect(() => planPutRecordsBatches([entry(1, "x".repeat(257))])).toThrow(/partition key/);
    expect(planPutRecordsBatches([entry(1, "é".repeat(256))])).toEqual([[0]]);
  });

  it("keeps every entry once, in order, with each request within limits and no request split early", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            size: fc.integer({ min: 0, max: MiB - 4 }),
            key: fc.string({ minLength: 1, maxLength: 3 }),
          }),
          {
            maxLength: 40,
          },
        ),
        fc.integer({ min: 0, max: 600 }),
        (big, smallCount) => {
          const entries = [
            ...big.map((b) => entry(b.size, b.key)),
            ...Array.from({ length: smallCount }, () => entry(3)),
          ];
          const batches = planPutRecordsBatches(entries);
          expect(batches.flat()).toEqual(entries.map((_, index) => index));
          for (const [i, batch] of batches.entries()) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(500);
            expect(bytesOf(entries, batch)).toBeLessThanOrEqual(5 * MiB);
            const next = batches[i + 1];
            if (next !== undefined) {
              // Greedy: the next request's first entry did not fit in this one.
              const grown = [...batch, next[0]!];
              expect(grown.length > 500 || bytesOf(entries, grown) > 5 * MiB).toBe(true);
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
