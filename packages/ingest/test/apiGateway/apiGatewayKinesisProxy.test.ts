import type { PutRecordInput, PutRecordsInput } from "@aws-sdk/client-kinesis";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  API_GATEWAY_MAX_BODY_BYTES,
  type ApiGatewayPutRecordBody,
  decodeApiGatewayPutRecord,
  decodeApiGatewayPutRecords,
  encodeApiGatewayPutRecord,
  encodeApiGatewayPutRecords,
  IngestInputError,
  isKinesisStreamName,
  parseKinesisProxyRoute,
  toKinesisPutRecordInput,
  toKinesisPutRecordsInput,
} from "../../src/index";
import { jsonRecord } from "../kafkaConnect/jsonRecordArbitrary";

const partitionKey = fc.string({ minLength: 1, maxLength: 256, unit: "grapheme-composite" });
const streamName = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,128}$/);
const utf8 = new TextDecoder();

describe("PUT /streams/{stream-name}/record bodies", () => {
  it("encode as the original streaming emulator sent them: Data is the record object", () => {
    expect(
      encodeApiGatewayPutRecord({
        streamName: "streaming-0a1b-geo",
        data: { ind: 1, country: "Albania" },
        partitionKey: "partition-1",
      }),
    ).toBe(
      '{"StreamName":"streaming-0a1b-geo","Data":{"ind":1,"country":"Albania"},"PartitionKey":"partition-1"}',
    );
    expect(encodeApiGatewayPutRecord({ data: {}, partitionKey: "p" })).toBe('{"Data":{},"PartitionKey":"p"}');
  });

  it("round-trip any record, partition key and optional stream name (property)", () => {
    const body = fc.record(
      { streamName, data: jsonRecord, partitionKey },
      { requiredKeys: ["data", "partitionKey"] },
    ) as fc.Arbitrary<ApiGatewayPutRecordBody>;
    fc.assert(
      fc.property(body, (value) => {
        expect(decodeApiGatewayPutRecord(encodeApiGatewayPutRecord(value))).toEqual({ ok: true, value });
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    [7, "body is not a string"],
    ["{", "not valid JSON"],
    ["[]", "not a JSON object"],
    ['{"Data":{"ind":1}}', "PartitionKey: partition key is not a string"],
    ['{"Data":{"ind":1},"PartitionKey":""}', "partition key is empty"],
    [`{"Data":{},"PartitionKey":"${"k".repeat(257)}"}`, "longer than 256"],
    ['{"Data":[1],"PartitionKey":"p"}', "Data: record is not a JSON object"],
    ['{"Data":"{\\"ind\\":1}","PartitionKey":"p"}', "Data: record is not a JSON object"],
    ['{"Data":{"__proto__":{}},"PartitionKey":"p"}', 'Data: key "__proto__"'],
    ['{"StreamName":"a/b","Data":{},"PartitionKey":"p"}', "StreamName is not a Kinesis stream name"],
  ])("decoding rejects %j", (body, reason) => {
    const result = decodeApiGatewayPutRecord(body as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("encoding throws IngestInputError for invalid bodies", () => {
    for (const body of [
      null,
      { data: {}, partitionKey: "" },
      { data: { n: Number.NaN }, partitionKey: "p" },
    ]) {
      expect(() => encodeApiGatewayPutRecord(body as never)).toThrow(IngestInputError);
    }
    expect(() => encodeApiGatewayPutRecord({ streamName: "", data: {}, partitionKey: "p" })).toThrow(
      "StreamName",
    );
    expect(() => encodeApiGatewayPutRecord({ data: {}, partitionKey: "\ud800" })).toThrow(
      "unpaired surrogate",
    );
  });
});

describe("PUT /streams/{stream-name}/records bodies", () => {
  it("encode records with data and partition-key", () => {
    expect(encodeApiGatewayPutRecords([{ data: { ind: 1 }, partitionKey: "p" }])).toBe(
      '{"records":[{"data":{"ind":1},"partition-key":"p"}]}',
    );
  });

  it("round-trip any entries (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ data: jsonRecord, partitionKey }), { maxLength: 8 }), (entries) => {
        expect(decodeApiGatewayPutRecords(encodeApiGatewayPutRecords(entries))).toEqual({
          ok: true,
          value: entries,
        });
      }),
      { numRuns: 80 },
    );
  });

  it.each([
    [undefined, "body is not a string"],
    ["x", "not valid JSON"],
    ['{"Records":[]}', "no 'records' array"],
    ['{"records":[null]}', "records[0] is not an object"],
    [
      '{"records":[{"data":{},"partitionKey":"p"}]}',
      "records[0].partition-key: partition key is not a string",
    ],
    [
      '{"records":[{"data":{},"partition-key":"p"},{"data":5,"partition-key":"p"}]}',
      "records[1].data: record",
    ],
  ])("decoding rejects %j", (body, reason) => {
    const result = decodeApiGatewayPutRecords(body as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("encoding throws IngestInputError for invalid entries", () => {
    for (const entries of [{}, [null], [{ data: {}, partitionKey: "" }], [{ data: [], partitionKey: "p" }]]) {
      expect(() => encodeApiGatewayPutRecords(entries as never)).toThrow(IngestInputError);
    }
  });
});

describe("body size limits of the PutRecord and PutRecords decoders", () => {
  const one = encodeApiGatewayPutRecord({ data: { title: "😀".repeat(4) }, partitionKey: "p" });
  const many = encodeApiGatewayPutRecords([{ data: { title: "😀".repeat(4) }, partitionKey: "p" }]);
  const decoders = [
    ["PutRecord", decodeApiGatewayPutRecord, one],
    ["PutRecords", decodeApiGatewayPutRecords, many],
  ] as const;

  it.each(decoders)(
    "%s: a body up to the limit in UTF-8 bytes decodes, one byte more is refused",
    (_, decode, body) => {
      const bytes = Buffer.byteLength(body);
      expect(bytes).toBeGreaterThan(body.length); // the emoji take 4 bytes for 2 code units
      expect(decode(body, { maxBodyBytes: bytes }).ok).toBe(true);
      expect(decode(body, { maxBodyBytes: bytes - 1 })).toEqual({
        ok: false,
        reason: `body is over the limit of ${bytes - 1} bytes`,
      });
    },
  );

  it.each(decoders)("%s: the default is API Gateway's 10 MiB payload limit", (_, decode) => {
    expect(API_GATEWAY_MAX_BODY_BYTES).toBe(10_485_760);
    const padding = " ".repeat(API_GATEWAY_MAX_BODY_BYTES);
    expect(decode(`${padding}{}`)).toEqual({ ok: false, reason: "body is over the limit of 10485760 bytes" });
    // Exactly at the limit the body is parsed (and here refused for its content, not its size).
    const result = decode(`${padding.slice(2)}{}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain("limit");
  });

  it.each(decoders)("%s: throws RangeError for a limit that is not a positive integer", (_, decode, body) => {
    for (const maxBodyBytes of [0, -5, 2.5, Number.POSITIVE_INFINITY]) {
      expect(() => decode(body, { maxBodyBytes })).toThrow(RangeError);
    }
  });
});

describe("parseKinesisProxyRoute", () => {
  it("maps record to PutRecord and records to PutRecords, with an optional stage and query", () => {
    expect(parseKinesisProxyRoute("PUT", "/streams/streaming-0a1b-pin/record")).toEqual({
      ok: true,
      value: { action: "PutRecord", streamName: "streaming-0a1b-pin" },
    });
    expect(parseKinesisProxyRoute("PUT", "/test/streams/s.1/records?x=1")).toEqual({
      ok: true,
      value: { action: "PutRecords", streamName: "s.1" },
    });
    expect(parseKinesisProxyRoute("PUT", "/streams/my%2Dstream/record/")).toEqual({
      ok: true,
      value: { action: "PutRecord", streamName: "my-stream" },
    });
  });

  it.each([
    ["POST", "/streams/s/record", "not PUT"],
    ["put", "/streams/s/record", "not PUT"],
    ["PUT", "/streams/s", "is not /streams"],
    ["PUT", "/a/b/streams/s/record", "is not /streams"],
    ["PUT", "/streams/s/recordz", "is not /streams"],
    ["PUT", "/streams/%E0%A4%A/record", "percent-encoding"],
    ["PUT", "/streams/a%2Fb/record", "not a Kinesis stream name"],
    ["PUT", 42, "path is not a string"],
  ])("rejects %s %s", (method, path, reason) => {
    const result = parseKinesisProxyRoute(method, path as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("knows legal stream names", () => {
    expect(isKinesisStreamName("a".repeat(128))).toBe(true);
    for (const bad of ["", "a".repeat(129), "a b", "a/b", 3]) expect(isKinesisStreamName(bad)).toBe(false);
  });
});

describe("decoded bodies become Kinesis inputs as the mapping templates build them", () => {
  it("PutRecord: the stream from the path, Data the JSON bytes of the record", () => {
    const input: PutRecordInput = toKinesisPutRecordInput("from-path", {
      streamName: "from-body",
      data: { index: 7, description: "x\u00a0" },
      partitionKey: "partition-1",
    });
    expect(input.StreamName).toBe("from-path");
    expect(input.PartitionKey).toBe("partition-1");
    expect(JSON.parse(utf8.decode(input.Data))).toEqual({ index: 7, description: "x\u00a0" });
  });

  it("PutRecords: one entry per record, in order (property)", () => {
    fc.assert(
      fc.property(
        streamName,
        fc.array(fc.record({ data: jsonRecord, partitionKey }), { maxLength: 6 }),
        (name, entries) => {
          const input: PutRecordsInput = toKinesisPutRecordsInput(name, entries);
          expect(input.StreamName).toBe(name);
          expect(
            input.Records?.map((entry) => ({
              data: JSON.parse(utf8.decode(entry.Data)),
              partitionKey: entry.PartitionKey,
            })),
          ).toEqual(entries);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("throws IngestInputError for an illegal stream, key or record", () => {
    expect(() => toKinesisPutRecordInput("a b", { data: {}, partitionKey: "p" })).toThrow(IngestInputError);
    expect(() => toKinesisPutRecordInput("s", null as never)).toThrow(IngestInputError);
    expect(() => toKinesisPutRecordInput("s", { data: {}, partitionKey: "" })).toThrow("partitionKey");
    expect(() => toKinesisPutRecordInput("s", { data: [] as never, partitionKey: "p" })).toThrow("data");
    expect(() => toKinesisPutRecordsInput("s", {} as never)).toThrow(IngestInputError);
    expect(() => toKinesisPutRecordsInput("s", [null as never])).toThrow("entries[0]");
    expect(() => toKinesisPutRecordsInput("s", [{ data: { n: Number.NaN }, partitionKey: "p" }])).toThrow(
      "entries[0].data.n",
    );
  });
});
