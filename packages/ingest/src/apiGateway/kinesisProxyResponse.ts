import { decodeJsonObjectBody } from "../kafkaConnect/decodeJsonObjectBody";
import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { IngestInputError } from "../kafkaConnect/ingestInputError";

/**
 * Kinesis's answer for one record, as API Gateway passes it through from PutRecord or from one entry
 * of PutRecords: where it was stored, or why it was not (e.g. `ProvisionedThroughputExceededException`).
 *
 * @example
 * const stored: KinesisProxyRecordResult = { sequenceNumber: "4959", shardId: "shardId-000000000000" };
 * const refused: KinesisProxyRecordResult = { errorCode: "InternalFailure", errorMessage: "try again" };
 */
export type KinesisProxyRecordResult =
  | { readonly sequenceNumber: string; readonly shardId: string }
  | { readonly errorCode: string; readonly errorMessage: string };

// Sequence numbers are decimal strings of up to 129 digits: never read them as numbers.
const SEQUENCE_NUMBER = /^\d{1,129}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Why `entry` (wire names) is not a stored or refused record, or `null`. */
const entryProblem = (entry: unknown, path: string): string | null => {
  if (!isObject(entry)) return `${path} is not an object`;
  if (entry.ErrorCode !== undefined && entry.ErrorCode !== null) {
    if (typeof entry.ErrorCode !== "string" || entry.ErrorCode === "")
      return `${path}.ErrorCode is not a non-empty string`;
    if (entry.ErrorMessage !== undefined && typeof entry.ErrorMessage !== "string")
      return `${path}.ErrorMessage is not a string`;
    return null;
  }
  if (typeof entry.SequenceNumber !== "string" || !SEQUENCE_NUMBER.test(entry.SequenceNumber))
    return `${path}.SequenceNumber is not a string of 1 to 129 digits`;
  if (typeof entry.ShardId !== "string" || entry.ShardId === "")
    return `${path}.ShardId is not a non-empty string`;
  return null;
};

const toResult = (entry: Record<string, unknown>): KinesisProxyRecordResult =>
  typeof entry.ErrorCode === "string"
    ? { errorCode: entry.ErrorCode, errorMessage: (entry.ErrorMessage as string | undefined) ?? "" }
    : { sequenceNumber: entry.SequenceNumber as string, shardId: entry.ShardId as string };

const toWire = (result: KinesisProxyRecordResult): Record<string, string> =>
  "errorCode" in result
    ? { ErrorCode: result.errorCode, ErrorMessage: result.errorMessage }
    : { SequenceNumber: result.sequenceNumber, ShardId: result.shardId };

/**
 * Encodes the Kinesis PutRecords response an API Gateway proxy passes through for
 * `PUT /streams/{stream-name}/records`: `{"FailedRecordCount","Records":[...]}`, one entry per request
 * record in request order, with `SequenceNumber` and `ShardId` or `ErrorCode` and `ErrorMessage`.
 *
 * @throws {IngestInputError} when an entry is neither stored (digit-string sequence number, shard id)
 * nor refused (non-empty error code).
 * @example
 * encodeApiGatewayPutRecordsResponse([{ sequenceNumber: "1", shardId: "shardId-000000000000" }]);
 * // '{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"shardId-000000000000"}]}'
 */
export function encodeApiGatewayPutRecordsResponse(results: readonly KinesisProxyRecordResult[]): string {
  if (!Array.isArray(results))
    throw new IngestInputError("encodeApiGatewayPutRecordsResponse", "results is not an array");
  const records = results.map((result, index) => {
    const wire = isObject(result) ? toWire(result as KinesisProxyRecordResult) : result;
    const problem = entryProblem(wire, `results[${index}]`);
    if (problem !== null) throw new IngestInputError("encodeApiGatewayPutRecordsResponse", problem);
    return wire;
  });
  const failed = records.filter((wire) => "ErrorCode" in (wire as object)).length;
  return JSON.stringify({ FailedRecordCount: failed, Records: records });
}

/**
 * Decodes a PutRecords response passed through by API Gateway (see
 * {@link encodeApiGatewayPutRecordsResponse}); other fields (`EncryptionType`) are ignored. A
 * `FailedRecordCount` that disagrees with the entries is refused: such an answer cannot be trusted to
 * say which records to resend.
 *
 * @example
 * decodeApiGatewayPutRecordsResponse('{"FailedRecordCount":1,"Records":[{"ErrorCode":"InternalFailure","ErrorMessage":"x"}]}');
 * // { ok: true, value: [{ errorCode: "InternalFailure", errorMessage: "x" }] }
 */
export function decodeApiGatewayPutRecordsResponse(body: string): DecodeResult<KinesisProxyRecordResult[]> {
  const parsed = decodeJsonObjectBody(body);
  if (!parsed.ok) return parsed;
  const { Records, FailedRecordCount } = parsed.value;
  if (!Array.isArray(Records)) return rejected("body has no 'Records' array");
  const results: KinesisProxyRecordResult[] = [];
  for (const [index, entry] of Records.entries()) {
    const problem = entryProblem(entry, `Records[${index}]`);
    if (problem !== null) return rejected(problem);
    results.push(toResult(entry as Record<string, unknown>));
  }
  const failed = results.filter((result) => "errorCode" in result).length;
  if (FailedRecordCount !== undefined && FailedRecordCount !== failed) {
    return rejected(`FailedRecordCount ${JSON.stringify(FailedRecordCount)} but ${failed} entries failed`);
  }
  return decoded(results);
}

/**
 * Encodes the answer an API Gateway proxy passes through for `PUT /streams/{stream-name}/record`:
 * Kinesis's PutRecord response `{"SequenceNumber","ShardId"}`, or its JSON error
 * `{"__type":"<code>","message":"..."}` (what the default integration response hands back).
 *
 * @throws {IngestInputError} for a result that is neither stored nor refused, or an error code with a
 * `#` (which the decoder reads as a namespace separator).
 * @example
 * encodeApiGatewayPutRecordResponse({ errorCode: "ProvisionedThroughputExceededException", errorMessage: "Rate exceeded" });
 * // '{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded"}'
 */
export function encodeApiGatewayPutRecordResponse(result: KinesisProxyRecordResult): string {
  const wire = isObject(result) ? toWire(result) : result;
  const problem = entryProblem(wire, "result");
  if (problem !== null) throw new IngestInputError("encodeApiGatewayPutRecordResponse", problem);
  if ("errorCode" in result && result.errorCode.includes("#"))
    throw new IngestInputError("encodeApiGatewayPutRecordResponse", "result.errorCode contains '#'");
  return "errorCode" in result
    ? JSON.stringify({ __type: result.errorCode, message: result.errorMessage })
    : JSON.stringify(wire);
}

/**
 * Decodes a PutRecord answer passed through by API Gateway (see
 * {@link encodeApiGatewayPutRecordResponse}). An error's `__type` may carry a namespace
 * (`com.amazonaws.kinesis#ResourceNotFoundException`): only the part after `#` is the code; the message
 * is read from `message` or `Message`.
 *
 * @example
 * decodeApiGatewayPutRecordResponse('{"SequenceNumber":"4959","ShardId":"shardId-000000000001"}');
 * // { ok: true, value: { sequenceNumber: "4959", shardId: "shardId-000000000001" } }
 */
export function decodeApiGatewayPutRecordResponse(body: string): DecodeResult<KinesisProxyRecordResult> {
  const parsed = decodeJsonObjectBody(body);
  if (!parsed.ok) return parsed;
  const document = parsed.value;
  if (document.__type !== undefined) {
    const code = typeof document.__type === "string" ? document.__type.split("#").pop() : undefined;
    if (code === undefined || code === "") return rejected("__type is not a non-empty string");
    const message = document.message ?? document.Message ?? "";
    if (typeof message !== "string") return rejected("message is not a string");
    return decoded({ errorCode: code, errorMessage: message });
  }
  const problem = entryProblem(document, "body");
  return problem === null ? decoded(toResult(document)) : rejected(problem);
}
