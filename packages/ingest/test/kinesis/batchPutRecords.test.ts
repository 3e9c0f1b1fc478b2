import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  batchPutRecords,
  IngestInputError,
  KINESIS_LIMITS,
  type KinesisPutRecordsEntry,
} from "../../src/index";

const size = (entry: KinesisPutRecordsEntry): number =>
  entry.Data.length + Buffer.byteLength(entry.PartitionKey);

describe("batchPutRecords splits entries into PutRecords requests", () => {
  it("uses the classic limits: 500 entries, 5 MiB per request, 1 MiB per record", () => {
    expect(KINESIS_LIMITS).toEqual({
      maxRecordBytes: 1048576,
      maxRequestEntries: 500,
      maxRequestBytes: 5242880,
    });
    const small = { Data: new Uint8Array(10), PartitionKey: "p" };
    expect(batchPutRecords(Array.from({ length: 1200 }, () => small)).map((r) => r.length)).toEqual([
      500, 500, 200,
    ]);
    // Five 1,000,000-byte entries fit 5 MiB (5,242,880 bytes); the sixth starts a new request.
    const large = { Data: new Uint8Array(1_000_000), PartitionKey: "p" };
    expect(batchPutRecords(Array.from({ length: 7 }, () => large)).map((r) => r.length)).toEqual([5, 2]);
    // Partition keys count, in UTF-8 bytes: 1,048,572 data bytes + "😀" (4 bytes) is exactly 1 MiB.
    expect(batchPutRecords([{ Data: new Uint8Array(1_048_572), PartitionKey: "😀" }])).toHaveLength(1);
    expect(() => batchPutRecords([{ Data: new Uint8Array(1_048_573), PartitionKey: "😀" }])).toThrow(
      "entries[0] is 1048577 bytes, over the 1048576-byte record limit",
    );
    expect(batchPutRecords([])).toEqual([]);
  });

  it("keeps every entry once, in order, within every limit (property)", () => {
    const entry = fc
      .record({ length: fc.nat(120), key: fc.string({ minLength: 1, maxLength: 6, unit: "grapheme" }) })
      .map(({ length, key }) => ({ Data: new Uint8Array(length), PartitionKey: key }));
    const limits = fc.record({
      maxRecordBytes: fc.integer({ min: 150, max: 400 }),
      maxRequestEntries: fc.integer({ min: 1, max: 12 }),
      maxRequestBytes: fc.integer({ min: 150, max: 1200 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), limits, (entries, limit) => {
        const requests = batchPutRecords(entries, limit);
        expect(requests.flat()).toEqual(entries);
        for (const [index, kept] of requests.flat().entries()) expect(kept).toBe(entries[index]);
        for (const request of requests) {
          expect(request.length).toBeGreaterThan(0);
          expect(request.length).toBeLessThanOrEqual(limit.maxRequestEntries);
          expect(request.reduce((sum, e) => sum + size(e), 0)).toBeLessThanOrEqual(limit.maxRequestBytes);
        }
      }),
    );
  });

  it.each([
    ["not an array", "x", {}, "entries is not an array"],
    ["a null entry", [null], {}, "entries[0] is not an object"],
    ["string Data", [{ Data: "abc", PartitionKey: "p" }], {}, "entries[0].Data is not bytes"],
    ["a missing key", [{ Data: new Uint8Array() }], {}, "entries[0].PartitionKey is not a string"],
    [
      "an entry over the request size",
      [{ Data: new Uint8Array(50), PartitionKey: "p" }],
      { maxRequestBytes: 40 },
      "40-byte",
    ],
    ["a zero entry limit", [], { maxRequestEntries: 0 }, "maxRequestEntries is not a positive integer"],
    ["a fractional limit", [], { maxRequestBytes: 1.5 }, "maxRequestBytes is not a positive integer"],
  ])("throws IngestInputError for %s", (_, entries, limits, reason) => {
    expect(() => batchPutRecords(entries as never, limits)).toThrow(IngestInputError);
    expect(() => batchPutRecords(entries as never, limits)).toThrow(reason);
  });
});
