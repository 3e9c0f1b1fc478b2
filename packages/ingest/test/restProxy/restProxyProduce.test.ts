import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeRestProxyProduce,
  decodeRestProxyProduceResponse,
  encodeRestProxyProduce,
  encodeRestProxyProduceResponse,
  IngestInputError,
  REST_PROXY_MAX_BODY_BYTES,
  type RestProxyOffset,
  type RestProxyRecord,
} from "../../src/index";
import { anyJsonValue, jsonRecord } from "../kafkaConnect/jsonRecordArbitrary";

const restRecord: fc.Arbitrary<RestProxyRecord> = fc.record(
  { value: jsonRecord, key: anyJsonValue, partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }) },
  { requiredKeys: ["value"] },
);

describe("REST Proxy v2 produce requests", () => {
  it("encode as the original batch emulator posted them", () => {
    expect(encodeRestProxyProduce([{ value: { index: 7, title: "Kitten\u00a0" } }])).toEqual({
      contentType: "application/vnd.kafka.json.v2+json",
      body: '{"records":[{"value":{"index":7,"title":"Kitten\u00a0"}}]}',
    });
    expect(encodeRestProxyProduce([{ value: {}, key: "k", partition: 3 }]).body).toBe(
      '{"records":[{"key":"k","value":{},"partition":3}]}',
    );
  });

  it("round-trip any records, keys and partitions (property)", () => {
    fc.assert(
      fc.property(fc.array(restRecord, { maxLength: 8 }), (records) => {
        expect(decodeRestProxyProduce(encodeRestProxyProduce(records).body)).toEqual({
          ok: true,
          value: records,
        });
      }),
      { numRuns: 100 },
    );
  });

  it("decode a hand-written request, ignoring schema ids and taking a null partition as none", () => {
    const body =
      '{"value_schema_id":null,"records":[{"value":{"ind":1},"partition":null},{"key":null,"value":{"ind":2}}]}';
    expect(decodeRestProxyProduce(body)).toEqual({
      ok: true,
      value: [{ value: { ind: 1 } }, { key: null, value: { ind: 2 } }],
    });
  });

  it.each([
    [42, "body is not a string"],
    ["{", "not valid JSON"],
    ["[]", "not a JSON object"],
    ['{"records":{}}', "no 'records' array"],
    ['{"records":[1]}', "records[0] is not an object"],
    ['{"records":[{"value":{}},{}]}', "records[1].value: record is not a JSON object"],
    ['{"records":[{"value":[1]}]}', "records[0].value: record is not a JSON object"],
    ['{"records":[{"value":{"a":{"__proto__":{}}}}]}', 'records[0].value.a: key "__proto__"'],
    ['{"records":[{"value":{},"key":{"__proto__":1}}]}', 'records[0].key: key "__proto__"'],
    ['{"records":[{"value":{},"partition":-1}]}', "partition is not an int32"],
    ['{"records":[{"value":{},"partition":1.5}]}', "partition is not an int32"],
    ['{"records":[{"value":{},"partition":"1"}]}', "partition is not an int32"],
  ])("decoding rejects %j", (body, reason) => {
    const result = decodeRestProxyProduce(body as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("refuse a body over the size limit unparsed: 10 MiB by default, or the limit given", () => {
    expect(REST_PROXY_MAX_BODY_BYTES).toBe(10 * 1024 * 1024);
    const body = encodeRestProxyProduce([{ value: { title: "é".repeat(10) } }]).body; // 20 bytes of "é"
    const bytes = Buffer.byteLength(body);
    expect(decodeRestProxyProduce(body, { maxBodyBytes: bytes }).ok).toBe(true);
    expect(decodeRestProxyProduce(body, { maxBodyBytes: bytes - 1 })).toEqual({
      ok: false,
      reason: `body is over the limit of ${bytes - 1} bytes`,
    });
    // Counted in UTF-8 bytes, not characters: the string is shorter than the limit, its bytes are not.
    expect(body.length).toBeLessThan(bytes - 1);
    const huge = `{"records":[{"value":{"s":"${"x".repeat(REST_PROXY_MAX_BODY_BYTES)}"}}]}`;
    expect(decodeRestProxyProduce(huge)).toEqual({
      ok: false,
      reason: `body is over the limit of ${REST_PROXY_MAX_BODY_BYTES} bytes`,
    });
    // Refused before parsing: an over-long body that is not even JSON gets the size reason.
    expect(decodeRestProxyProduce("{".repeat(20), { maxBodyBytes: 10 })).toEqual({
      ok: false,
      reason: "body is over the limit of 10 bytes",
    });
  });

  it.each([0, -1, 1.5, Number.NaN])("decoding throws RangeError for maxBodyBytes %s", (maxBodyBytes) => {
    expect(() => decodeRestProxyProduce('{"records":[]}', { maxBodyBytes })).toThrow(RangeError);
  });

  it.each([
    ["not an array", { value: {} }],
    ["a non-object record", [7]],
    ["a non-record value", [{ value: "x" }]],
    ["a NaN in the value", [{ value: { n: Number.NaN } }]],
    ["a function as key", [{ value: {}, key: () => 1 }]],
    ["a negative partition", [{ value: {}, partition: -1 }]],
  ])("encoding throws IngestInputError for %s", (_, records) => {
    expect(() => encodeRestProxyProduce(records as never)).toThrow(IngestInputError);
  });
});

const success = fc.record({
  partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  offset: fc.maxSafeNat(),
  error_code: fc.constant(null),
  error: fc.constant(null),
});
const failure = fc.record({
  partition: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: null }),
  offset: fc.constant(null),
  error_code: fc.integer(),
  error: fc.string(),
});

describe("REST Proxy v2 produce responses", () => {
  it("encode offsets in request order with null schema ids, failures with offset null", () => {
    const offsets: RestProxyOffset[] = [
      { partition: 0, offset: 41, error_code: null, error: null },
      { partition: null, offset: null, error_code: 2, error: "leader not available" },
      { partition: 0, offset: 42, error_code: null, error: null },
    ];
    const body = encodeRestProxyProduceResponse(offsets);
    expect(JSON.parse(body)).toEqual({ offsets, key_schema_id: null, value_schema_id: null });
    expect(decodeRestProxyProduceResponse(body)).toEqual({ ok: true, value: offsets });
  });

  it("round-trip any mix of successes and failures in order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(success, failure), { maxLength: 20 }), (offsets) => {
        expect(decodeRestProxyProduceResponse(encodeRestProxyProduceResponse(offsets))).toEqual({
          ok: true,
          value: offsets,
        });
      }),
    );
  });

  it("decode the proxy's documented response, and entries that leave out null fields", () => {
    const body = `{"offsets":[{"partition":0,"offset":1,"error_code":null,"error":null},
      {"partition":2,"offset":9},{"error_code":1,"error":"record too large"}],
      "key_schema_id":null,"value_schema_id":null}`;
    expect(decodeRestProxyProduceResponse(body)).toEqual({
      ok: true,
      value: [
        { partition: 0, offset: 1, error_code: null, error: null },
        { partition: 2, offset: 9, error_code: null, error: null },
        { partition: null, offset: null, error_code: 1, error: "record too large" },
      ],
    });
  });

  it.each([
    [null, "body is not a string"],
    ["nope", "not valid JSON"],
    ["[]", "not a JSON object"],
    ['{"offsets":null}', "no 'offsets' array"],
    ['{"offsets":[1]}', "offsets[0] is not an object"],
    ['{"offsets":[{"partition":0}]}', "offsets[0].offset is not a safe integer"],
    ['{"offsets":[{"partition":0,"offset":9007199254740993}]}', "offsets[0].offset is not a safe integer"],
    ['{"offsets":[{"partition":-1,"offset":1}]}', "offsets[0].partition"],
    ['{"offsets":[{"partition":0,"offset":1,"error":"x"}]}', "error message but no error_code"],
    ['{"offsets":[{"offset":5,"error_code":2,"error":"x"}]}', "offset must be null"],
    ['{"offsets":[{"error_code":"2","error":"x"}]}', "error_code is not an integer"],
    ['{"offsets":[{"error_code":2}]}', "error is not a string"],
  ])("decoding rejects %j", (body, reason) => {
    const result = decodeRestProxyProduceResponse(body as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("encoding throws IngestInputError for entries that are neither success nor failure", () => {
    expect(() => encodeRestProxyProduceResponse({} as never)).toThrow(IngestInputError);
    expect(() =>
      encodeRestProxyProduceResponse([
        { partition: 0, offset: null, error_code: null, error: null } as never,
      ]),
    ).toThrow("offsets[0].offset");
    expect(() =>
      encodeRestProxyProduceResponse([{ partition: 0, offset: 3, error_code: 1, error: "x" } as never]),
    ).toThrow("offset must be null");
  });
});
