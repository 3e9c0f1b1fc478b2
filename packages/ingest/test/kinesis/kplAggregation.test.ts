import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  type DeaggregatedUserRecord,
  deaggregate,
  hasKplMagic,
  IngestInputError,
  type KinesisPutRecordsEntry,
  KPL_MAGIC,
  type KplUserRecord,
} from "../../src/index";

const MAGIC = [0xf3, 0x89, 0x9a, 0xc2];

/** An aggregated record around hand-written protobuf bytes, built with node:crypto, not the code under test. */
const wrap = (protobuf: number[] | Uint8Array): Uint8Array => {
  const body = Uint8Array.from(protobuf);
  return Uint8Array.from([...MAGIC, ...body, ...createHash("md5").update(body).digest()]);
};
const bytes = (text: string): number[] => [...new TextEncoder().encode(text)];
/** A length-delimited field (field numbers below 16, lengths below 128). */
const field = (number: number, payload: number[]): number[] => [
  (number << 3) | 2,
  payload.length,
  ...payload,
];
const varintField = (number: number, value: number): number[] => [number << 3, value];

const reasonOf = (data: Uint8Array | string): string => {
  const result = deaggregate({ Data: data });
  if (result.ok) throw new Error("expected a rejection");
  return result.reason;
};

const userRecord: fc.Arbitrary<KplUserRecord> = fc.record(
  {
    partitionKey: fc.constantFrom("partition-1", "partition-2", "ü", "😀key", "k".repeat(256)),
    data: fc.uint8Array({ maxLength: 600 }),
    explicitHashKey: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(String),
  },
  { requiredKeys: ["partitionKey", "data"] },
);

const flatten = (entries: KinesisPutRecordsEntry[]): DeaggregatedUserRecord[] =>
  entries.flatMap((entry) => {
    const result = deaggregate(entry);
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  });

const expectedUserRecords = (records: KplUserRecord[]) =>
  records.map((record) => ({
    partitionKey: record.partitionKey,
    explicitHashKey: record.explicitHashKey ?? null,
    data: record.data,
  }));

describe("aggregate writes the KPL aggregated record format", () => {
  it("matches a hand-encoded aggregate byte for byte", () => {
    const [entry, ...rest] = aggregate([
      { partitionKey: "a", data: Uint8Array.of(0x78) },
      { partitionKey: "b", data: Uint8Array.of(), explicitHashKey: "5" },
      { partitionKey: "a", data: Uint8Array.of(0x79, 0x7a) },
    ]);
    expect(rest).toEqual([]);
    expect(entry?.PartitionKey).toBe("a");
    expect(entry?.ExplicitHashKey).toBeUndefined();
    const protobuf = [
      ...field(1, bytes("a")),
      ...field(1, bytes("b")),
      ...field(2, bytes("5")),
      ...field(3, [...varintField(1, 0), ...field(3, [0x78])]),
      ...field(3, [...varintField(1, 1), ...varintField(2, 0), ...field(3, [])]),
      ...field(3, [...varintField(1, 0), ...field(3, [0x79, 0x7a])]),
    ];
    expect(entry?.Data).toEqual(wrap(protobuf));
  });

  it("gives the aggregate its first user record's keys", () => {
    const [entry] = aggregate([
      { partitionKey: "first", data: Uint8Array.of(1), explicitHashKey: "123" },
      { partitionKey: "second", data: Uint8Array.of(2) },
    ]);
    expect(entry).toMatchObject({ PartitionKey: "first", ExplicitHashKey: "123" });
  });

  it("round-trips through deaggregate in order within the record size limit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(userRecord, { maxLength: 40 }),
        fc.integer({ min: 1400, max: 6000 }),
        (records, maxRecordBytes) => {
          const entries = aggregate(records, { maxRecordBytes });
          for (const entry of entries) {
            expect(hasKplMagic(entry.Data)).toBe(true);
            expect(entry.Data.length + Buffer.byteLength(entry.PartitionKey)).toBeLessThanOrEqual(
              maxRecordBytes,
            );
          }
          const userRecords = flatten(entries);
          expect(userRecords.map(({ subSequenceNumber: _, ...rest }) => rest)).toEqual(
            expectedUserRecords(records),
          );
          // Sub-sequence numbers count from 0 inside each aggregate.
          for (const entry of entries) {
            const result = deaggregate(entry);
            expect(result.ok && result.value.map((r) => r.subSequenceNumber)).toEqual(
              result.ok ? result.value.map((_, index) => index) : false,
            );
          }
          if (records.length === 0) expect(entries).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("packs under the default 1 MiB limit, splitting only when needed", () => {
    const big = new Uint8Array(400 * 1024).fill(7);
    const entries = aggregate(Array.from({ length: 5 }, () => ({ partitionKey: "p", data: big })));
    expect(entries.map((entry) => flatten([entry]).length)).toEqual([2, 2, 1]);
    for (const entry of entries) expect(entry.Data.length + 1).toBeLessThanOrEqual(1024 * 1024);
  });

  it.each([
    ["not an array", {}, "userRecords is not an array"],
    ["a null record", [null], "userRecords[0] is not an object"],
    ["an empty partition key", [{ partitionKey: "", data: new Uint8Array() }], "partition key is empty"],
    ["a 257-character key", [{ partitionKey: "k".repeat(257), data: new Uint8Array() }], "longer than 256"],
    ["an unpaired surrogate", [{ partitionKey: "a\udc00", data: new Uint8Array() }], "unpaired surrogate"],
    [
      "a non-decimal hash key",
      [{ partitionKey: "p", data: new Uint8Array(), explicitHashKey: "0x1" }],
      "decimal",
    ],
    [
      "a hash key over 2^128 - 1",
      [{ partitionKey: "p", data: new Uint8Array(), explicitHashKey: (2n ** 128n).toString() }],
      "exceeds 2^128 - 1",
    ],
    ["string data", [{ partitionKey: "p", data: "text" }], "data is not bytes"],
    [
      "a record too big to aggregate",
      [{ partitionKey: "p", data: new Uint8Array(1024 * 1024) }],
      "over the 1048576-byte",
    ],
  ])("throws IngestInputError for %s", (_, records, reason) => {
    expect(() => aggregate(records as never)).toThrow(IngestInputError);
    expect(() => aggregate(records as never)).toThrow(reason);
  });

  it("throws IngestInputError for an unusable limit", () => {
    expect(() => aggregate([], { maxRecordBytes: 0 })).toThrow(IngestInputError);
    expect(() => aggregate([], { maxRecordBytes: Number.NaN })).toThrow(IngestInputError);
  });
});

describe("deaggregate reads aggregates and reports every corruption", () => {
  it("reads fields in any order, skips unknown fields and checks tags", () => {
    const protobuf = [
      ...field(3, [...field(3, bytes("late")), ...varintField(2, 0), ...varintField(1, 1)]),
      ...[15 << 3, 0x96, 0x01], // unknown varint field 15
      ...[(14 << 3) | 5, 1, 2, 3, 4], // unknown fixed32
      ...[(13 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8], // unknown fixed64
      ...field(1, bytes("k0")),
      ...field(1, bytes("k1")),
      ...field(2, bytes("99")),
      ...field(3, [
        ...varintField(1, 0),
        ...field(3, bytes("x")),
        ...field(4, [...field(1, bytes("t")), ...field(2, bytes("v"))]),
      ]),
    ];
    expect(deaggregate({ Data: wrap(protobuf) })).toEqual({
      ok: true,
      value: [
        {
          partitionKey: "k1",
          explicitHashKey: "99",
          data: Uint8Array.from(bytes("late")),
          subSequenceNumber: 0,
        },
        {
          partitionKey: "k0",
          explicitHashKey: null,
          data: Uint8Array.from(bytes("x")),
          subSequenceNumber: 1,
        },
      ],
    });
  });

  it("accepts an empty aggregate and base64 Data", () => {
    expect(deaggregate({ Data: wrap([]) })).toEqual({ ok: true, value: [] });
    const protobuf = [...field(1, bytes("p")), ...field(3, [...varintField(1, 0), ...field(3, [1, 2])])];
    expect(deaggregate({ Data: Buffer.from(wrap(protobuf)).toString("base64") })).toEqual({
      ok: true,
      value: [{ partitionKey: "p", explicitHashKey: null, data: Uint8Array.of(1, 2), subSequenceNumber: 0 }],
    });
  });

  it("reports any flipped byte: magic, protobuf or digest (property)", () => {
    const records = Array.from({ length: 5 }, (_, i) => ({
      partitionKey: `p${i}`,
      data: Uint8Array.of(i, i, i),
    }));
    const [entry] = aggregate(records);
    const data = entry!.Data;
    fc.assert(
      fc.property(fc.nat(data.length - 1), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const corrupt = data.slice();
        corrupt[index]! ^= mask;
        expect(reasonOf(corrupt)).toMatch(/KPL magic|MD5 digest does not match/);
      }),
    );
  });

  it("reports any truncation (property)", () => {
    const [entry] = aggregate([{ partitionKey: "p", data: new Uint8Array(40).fill(1) }]);
    const data = entry!.Data;
    fc.assert(
      fc.property(fc.nat(data.length - 1), (length) => {
        expect(deaggregate({ Data: data.subarray(0, length) }).ok).toBe(false);
      }),
    );
  });

  it.each([
    [
      "a lying length",
      [...field(1, bytes("p")), 0x1a, 0x7f, 0x08, 0x00],
      "length 127 at byte 4 exceeds the 2 bytes left",
    ],
    ["a lying 10-byte length", [0x1a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "exceeds"],
    ["a truncated varint", [...field(1, bytes("p")), 0x1a, 0x80], "truncated varint at byte 4"],
    ["a varint over 10 bytes", [15 << 3, ...Array(10).fill(0xff), 0x01], "longer than 10 bytes"],
    ["a varint over 64 bits", [15 << 3, ...Array(9).fill(0xff), 0x02], "overflows 64 bits"],
    ["field number 0", [0x02, 0x00], "field number 0"],
    ["a group wire type", [(15 << 3) | 3], "unsupported wire type 3"],
    ["a truncated fixed64", [(15 << 3) | 1, 1, 2], "truncated fixed-width"],
    [
      "a partition key index outside the table",
      [...field(1, bytes("p")), ...field(3, [...varintField(1, 1), ...field(3, [])])],
      "records[0].partition_key_index 1 is outside the table of 1 keys",
    ],
    [
      "a huge partition key index",
      [...field(1, bytes("p")), ...field(3, [0x08, ...Array(9).fill(0xff), 0x01, ...field(3, [])])],
      "is outside the table",
    ],
    [
      "a hash key index outside the table",
      [...field(1, bytes("p")), ...field(3, [...varintField(1, 0), ...varintField(2, 0), ...field(3, [])])],
      "explicit_hash_key_index 0 is outside the table of 0 keys",
    ],
    [
      "a record without data",
      [...field(1, bytes("p")), ...field(3, varintField(1, 0))],
      "records[0] has no data",
    ],
    [
      "a record without key index",
      [...field(1, bytes("p")), ...field(3, field(3, []))],
      "has no partition_key_index",
    ],
    [
      "a key table entry of the wrong wire type",
      [...varintField(1, 5)],
      "partition_key_table has wire type 0",
    ],
    [
      "a key index of the wrong wire type",
      [...field(1, bytes("p")), ...field(3, [...field(1, [0]), ...field(3, [])])],
      "partition_key_index has wire type 2",
    ],
    [
      "a partition key that is not UTF-8",
      [...field(1, [0xc3, 0x28])],
      "partition_key_table[0] is not valid UTF-8",
    ],
    [
      "a tag without key",
      [
        ...field(1, bytes("p")),
        ...field(3, [...varintField(1, 0), ...field(3, []), ...field(4, field(2, bytes("v")))]),
      ],
      "records[0].tags[0] has no key",
    ],
  ])("reports %s", (_, protobuf, reason) => {
    expect(reasonOf(wrap(protobuf))).toContain(reason);
  });

  it("refuses records that are not aggregates or not records at all", () => {
    expect(reasonOf(new TextEncoder().encode('{"ind":1}'))).toBe(
      "Data does not start with the KPL magic bytes",
    );
    expect(reasonOf(Uint8Array.of(...MAGIC, 1, 2))).toContain("shorter than its magic bytes and MD5");
    expect(reasonOf("@@@@")).toBe("Data is not valid base64");
    expect(reasonOf("abc")).toBe("Data is not valid base64");
    expect(deaggregate({ Data: 42 } as never)).toEqual({
      ok: false,
      reason: "Data is neither bytes nor a base64 string",
    });
    expect(deaggregate(null as never)).toEqual({ ok: false, reason: "record is not an object" });
    expect([...KPL_MAGIC]).toEqual(MAGIC);
  });
});
