import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate, decodeKinesisRecord, type JsonRecord, type KinesisRecordLike } from "../../src/index";
import { jsonRecord } from "../kafkaConnect/jsonRecordArbitrary";

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const base = {
  PartitionKey: "outer",
  SequenceNumber: "49590338271490256608559692538361571095921575989136588898",
};

describe("decodeKinesisRecord reads the JSON records a Kinesis record holds", () => {
  it("reads a plain record, from bytes or base64", () => {
    const arrival = new Date("2024-01-02T03:04:05Z");
    const data = json({ ind: 3, country: "Albania" });
    const expected = {
      ok: true,
      value: {
        records: [
          {
            record: { ind: 3, country: "Albania" },
            // The user record's bytes exactly as sent, however Data came.
            data,
            partitionKey: "outer",
            sequenceNumber: base.SequenceNumber,
            subSequenceNumber: 0,
            aggregated: false,
            approximateArrivalTimestamp: arrival,
          },
        ],
        rejected: [],
      },
    };
    expect(decodeKinesisRecord({ ...base, Data: data, ApproximateArrivalTimestamp: arrival })).toEqual(
      expected,
    );
    expect(
      decodeKinesisRecord({
        ...base,
        Data: Buffer.from(data).toString("base64"),
        ApproximateArrivalTimestamp: arrival,
      }),
    ).toEqual(expected);
  });

  it("unpacks a KPL aggregate into its user records with their own keys, keeping good ones beside bad ones", () => {
    const [entry] = aggregate([
      { partitionKey: "a", data: json({ ind: 1 }) },
      { partitionKey: "b", data: new TextEncoder().encode("not json") },
      { partitionKey: "c", data: json([1]) },
      { partitionKey: "d", data: Uint8Array.of(0xff) },
      { partitionKey: "e", data: json({ ind: 5 }) },
    ]);
    const result = decodeKinesisRecord({ ...base, Data: entry!.Data });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      result.value.records.map((r) => [r.partitionKey, r.subSequenceNumber, r.aggregated, r.record]),
    ).toEqual([
      ["a", 0, true, { ind: 1 }],
      ["e", 4, true, { ind: 5 }],
    ]);
    expect(result.value.records.every((r) => r.sequenceNumber === base.SequenceNumber)).toBe(true);
    expect(result.value.rejected.map((r) => r.subSequenceNumber)).toEqual([1, 2, 3]);
    expect(result.value.rejected[1]?.reason).toBe("$: record is not a JSON object");
    expect(result.value.rejected[2]?.reason).toBe("data is not valid UTF-8");
    // Each user record carries its own bytes, kept or rejected.
    expect(result.value.records.map((r) => [...r.data])).toEqual([
      [...json({ ind: 1 })],
      [...json({ ind: 5 })],
    ]);
    expect(result.value.rejected.map((r) => [...r.data])).toEqual([
      [...new TextEncoder().encode("not json")],
      [...json([1])],
      [0xff],
    ]);
  });

  it("round-trips records through aggregate (property)", () => {
    fc.assert(
      fc.property(fc.array(jsonRecord, { minLength: 1, maxLength: 10 }), (records: JsonRecord[]) => {
        const entries = aggregate(
          records.map((record, i) => ({ partitionKey: `k${i}`, data: json(record) })),
        );
        const decoded = entries.flatMap((entry) => {
          const result = decodeKinesisRecord({ ...base, Data: entry.Data, PartitionKey: entry.PartitionKey });
          if (!result.ok) throw new Error(result.reason);
          expect(result.value.rejected).toEqual([]);
          return result.value.records;
        });
        expect(decoded.map((r) => r.record)).toEqual(records);
        expect(decoded.map((r) => r.partitionKey)).toEqual(records.map((_, i) => `k${i}`));
      }),
      { numRuns: 60 },
    );
  });

  it("reports a plain record that is not a JSON record in rejected", () => {
    const data = new TextEncoder().encode("{oops");
    expect(decodeKinesisRecord({ ...base, Data: data })).toEqual({
      ok: true,
      value: {
        records: [],
        rejected: [{ subSequenceNumber: 0, reason: expect.stringMatching(/^not valid JSON/), data }],
      },
    });
  });

  it("fails a corrupt aggregate as a whole rather than returning garbage", () => {
    const [entry] = aggregate([{ partitionKey: "a", data: json({ ind: 1 }) }]);
    const corrupt = entry!.Data.slice();
    corrupt[10]! ^= 1;
    expect(decodeKinesisRecord({ ...base, Data: corrupt })).toEqual({
      ok: false,
      reason: "MD5 digest does not match the aggregated record",
    });
  });

  it.each([
    ["not an object", null, "record is not an object"],
    ["a numeric PartitionKey", { ...base, PartitionKey: 1, Data: json({}) }, "PartitionKey is not a string"],
    ["a non-digit SequenceNumber", { ...base, SequenceNumber: "12a", Data: json({}) }, "SequenceNumber"],
    [
      "a 130-digit SequenceNumber",
      { ...base, SequenceNumber: "1".repeat(130), Data: json({}) },
      "SequenceNumber",
    ],
    ["a numeric SequenceNumber", { ...base, SequenceNumber: 12, Data: json({}) }, "SequenceNumber"],
    [
      "an invalid Date",
      { ...base, Data: json({}), ApproximateArrivalTimestamp: new Date(Number.NaN) },
      "valid Date",
    ],
    [
      "a timestamp that is not a Date",
      { ...base, Data: json({}), ApproximateArrivalTimestamp: 5 },
      "valid Date",
    ],
    ["missing Data", { ...base }, "neither bytes nor a base64 string"],
    ["bad base64", { ...base, Data: "e30=!" }, "not valid base64"],
  ])("rejects %s", (_, record, reason) => {
    const result = decodeKinesisRecord(record as unknown as KinesisRecordLike);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("decodeKinesisRecord and inexact record keys", () => {
  const records = (data: Uint8Array) => {
    const result = decodeKinesisRecord({ ...base, Data: data });
    return result.ok ? result.value.records.map((entry) => entry.record) : result.reason;
  };
  const text = (value: string): Uint8Array => new TextEncoder().encode(value);

  it("hands an inexact key over as its literal, in plain records and in aggregates", () => {
    expect(records(text('{"ind": 1e-400}'))).toEqual([{ ind: "1e-400" }]);
    const [entry] = aggregate([
      { partitionKey: "a", data: text('{"index": 1.00000000000000001}') },
      { partitionKey: "b", data: text('{"ind": 1e2}') },
    ]);
    expect(records(entry!.Data)).toEqual([{ index: "1.00000000000000001" }, { ind: 100 }]);
  });

  it("still rejects data that holds no JSON record", () => {
    const result = decodeKinesisRecord({ ...base, Data: text("[1e-400]") });
    expect(result.ok && result.value.rejected).toEqual([
      { subSequenceNumber: 0, reason: "$: record is not a JSON object", data: text("[1e-400]") },
    ]);
  });
});
