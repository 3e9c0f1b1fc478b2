import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeApiGatewayPutRecordResponse,
  decodeApiGatewayPutRecordsResponse,
  encodeApiGatewayPutRecordResponse,
  encodeApiGatewayPutRecordsResponse,
  IngestInputError,
  type KinesisProxyRecordResult,
} from "../../src/index";

const stored = fc.record({
  sequenceNumber: fc.stringMatching(/^\d{1,129}$/),
  shardId: fc.string({ minLength: 1 }),
});
const refused = fc.record({ errorCode: fc.string({ minLength: 1 }), errorMessage: fc.string() });
const result: fc.Arbitrary<KinesisProxyRecordResult> = fc.oneof(stored, refused);

describe("PutRecords responses passed through API Gateway", () => {
  it("encode Kinesis's response: FailedRecordCount and one entry per record, in request order", () => {
    const body = encodeApiGatewayPutRecordsResponse([
      {
        sequenceNumber: "49590338271490256608559692538361571095921575989136588898",
        shardId: "shardId-000000000000",
      },
      { errorCode: "ProvisionedThroughputExceededException", errorMessage: "Rate exceeded for shard" },
    ]);
    expect(JSON.parse(body)).toEqual({
      FailedRecordCount: 1,
      Records: [
        {
          SequenceNumber: "49590338271490256608559692538361571095921575989136588898",
          ShardId: "shardId-000000000000",
        },
        { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded for shard" },
      ],
    });
  });

  it("round-trip any mix of stored and refused records, sequence numbers kept as strings (property)", () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 20 }), (results) => {
        expect(decodeApiGatewayPutRecordsResponse(encodeApiGatewayPutRecordsResponse(results))).toEqual({
          ok: true,
          value: results,
        });
      }),
    );
  });

  it("decode Kinesis's own response, ignoring EncryptionType, with a missing ErrorMessage as empty", () => {
    const body =
      '{"EncryptionType":"NONE","Records":[{"SequenceNumber":"1","ShardId":"s"},{"ErrorCode":"InternalFailure"}]}';
    expect(decodeApiGatewayPutRecordsResponse(body)).toEqual({
      ok: true,
      value: [
        { sequenceNumber: "1", shardId: "s" },
        { errorCode: "InternalFailure", errorMessage: "" },
      ],
    });
  });

  it.each([
    [5, "body is not a string"],
    ["{", "not valid JSON"],
    ["[]", "not a JSON object"],
    ['{"records":[]}', "no 'Records' array"],
    ['{"Records":[7]}', "Records[0] is not an object"],
    ['{"Records":[{"SequenceNumber":1,"ShardId":"s"}]}', "Records[0].SequenceNumber is not a string"],
    [`{"Records":[{"SequenceNumber":"${"9".repeat(130)}","ShardId":"s"}]}`, "1 to 129 digits"],
    ['{"Records":[{"SequenceNumber":"12a","ShardId":"s"}]}', "1 to 129 digits"],
    ['{"Records":[{"SequenceNumber":"1"}]}', "Records[0].ShardId"],
    ['{"Records":[{"ErrorCode":""}]}', "ErrorCode is not a non-empty string"],
    ['{"Records":[{"ErrorCode":"X","ErrorMessage":3}]}', "ErrorMessage is not a string"],
    ['{"FailedRecordCount":0,"Records":[{"ErrorCode":"X"}]}', "FailedRecordCount 0 but 1 entries failed"],
    ['{"FailedRecordCount":"1","Records":[{"ErrorCode":"X"}]}', 'FailedRecordCount "1"'],
  ])("decoding rejects %j", (body, reason) => {
    const decodedBody = decodeApiGatewayPutRecordsResponse(body as never);
    expect(decodedBody.ok).toBe(false);
    if (!decodedBody.ok) expect(decodedBody.reason).toContain(reason);
  });

  it("encoding throws IngestInputError for results that are neither stored nor refused", () => {
    for (const results of [
      {},
      [null],
      [{}],
      [{ sequenceNumber: "1.5", shardId: "s" }],
      [{ errorCode: "" }],
    ]) {
      expect(() => encodeApiGatewayPutRecordsResponse(results as never)).toThrow(IngestInputError);
    }
  });
});

describe("PutRecord answers passed through API Gateway", () => {
  it("encode a stored record as Kinesis's response and a refusal as its JSON error", () => {
    expect(encodeApiGatewayPutRecordResponse({ sequenceNumber: "42", shardId: "shardId-000000000001" })).toBe(
      '{"SequenceNumber":"42","ShardId":"shardId-000000000001"}',
    );
    expect(encodeApiGatewayPutRecordResponse({ errorCode: "InternalFailure", errorMessage: "oops" })).toBe(
      '{"__type":"InternalFailure","message":"oops"}',
    );
  });

  it("round-trip any result whose error code has no namespace separator (property)", () => {
    const single = result.filter((value) => !("errorCode" in value && value.errorCode.includes("#")));
    fc.assert(
      fc.property(single, (value) => {
        expect(decodeApiGatewayPutRecordResponse(encodeApiGatewayPutRecordResponse(value))).toEqual({
          ok: true,
          value,
        });
      }),
    );
  });

  it("read an error's code after a namespace, and its message from message or Message", () => {
    expect(
      decodeApiGatewayPutRecordResponse(
        '{"__type":"com.amazonaws.kinesis#ResourceNotFoundException","Message":"Stream x not found"}',
      ),
    ).toEqual({
      ok: true,
      value: { errorCode: "ResourceNotFoundException", errorMessage: "Stream x not found" },
    });
    expect(
      decodeApiGatewayPutRecordResponse('{"SequenceNumber":"7","ShardId":"s","EncryptionType":"KMS"}'),
    ).toEqual({ ok: true, value: { sequenceNumber: "7", shardId: "s" } });
  });

  it.each([
    [null, "body is not a string"],
    ["nope", "not valid JSON"],
    ['"x"', "not a JSON object"],
    ['{"__type":5}', "__type is not a non-empty string"],
    ['{"__type":"ns#"}', "__type is not a non-empty string"],
    ['{"__type":"X","message":{}}', "message is not a string"],
    ['{"ShardId":"s"}', "body.SequenceNumber"],
    ['{"message":"Missing Authentication Token"}', "body.SequenceNumber"],
  ])("decoding rejects %j", (body, reason) => {
    const decodedBody = decodeApiGatewayPutRecordResponse(body as never);
    expect(decodedBody.ok).toBe(false);
    if (!decodedBody.ok) expect(decodedBody.reason).toContain(reason);
  });

  it("encoding throws IngestInputError for an invalid result", () => {
    for (const value of [
      null,
      {},
      { sequenceNumber: "", shardId: "s" },
      { errorCode: "", errorMessage: "" },
    ]) {
      expect(() => encodeApiGatewayPutRecordResponse(value as never)).toThrow(IngestInputError);
    }
  });
});
