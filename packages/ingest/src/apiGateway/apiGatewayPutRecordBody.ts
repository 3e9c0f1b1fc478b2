import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { findJsonRecordProblem, type JsonRecord } from "../kafkaConnect/jsonRecord";
import { partitionKeyProblem } from "../kinesis/kinesisKeys";
import { API_GATEWAY_MAX_BODY_BYTES, bodyByteLimitProblem, type DecodeBodyOptions } from "./bodyByteLimit";
import { isKinesisStreamName } from "./kinesisStreamName";

/** Body of `PUT /streams/{stream-name}/record`, as the original streaming emulator sent it. */
export interface ApiGatewayPutRecordBody {
  /** The emulator sends the stream name, but the mapping template takes it from the path. */
  readonly streamName?: string;
  readonly data: JsonRecord;
  readonly partitionKey: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Why `body` is not an {@link ApiGatewayPutRecordBody} (in wire names), or `null`. */
const bodyProblem = (streamName: unknown, data: unknown, partitionKey: unknown): string | null => {
  if (streamName !== undefined && !isKinesisStreamName(streamName))
    return "StreamName is not a Kinesis stream name";
  const keyProblem = partitionKeyProblem(partitionKey);
  if (keyProblem !== null) return `PartitionKey: ${keyProblem}`;
  return findJsonRecordProblem(data, "Data");
};

/**
 * Encodes the PutRecord body the proxy's mapping template reads: `{"StreamName","Data","PartitionKey"}`
 * with `Data` the record object itself (the template base64-encodes its JSON).
 *
 * @throws {IngestInputError} for an illegal stream name or partition key, or data that is not a JSON record.
 * @example
 * encodeApiGatewayPutRecord({ streamName: "streaming-0a1b-geo", data: { ind: 1 }, partitionKey: "partition-1" });
 * // '{"StreamName":"streaming-0a1b-geo","Data":{"ind":1},"PartitionKey":"partition-1"}'
 */
export function encodeApiGatewayPutRecord(body: ApiGatewayPutRecordBody): string {
  if (!isObject(body)) throw new IngestInputError("encodeApiGatewayPutRecord", "body is not an object");
  const problem = bodyProblem(body.streamName, body.data, body.partitionKey);
  if (problem !== null) throw new IngestInputError("encodeApiGatewayPutRecord", problem);
  return JSON.stringify({ StreamName: body.streamName, Data: body.data, PartitionKey: body.partitionKey });
}

/**
 * Decodes and validates a PutRecord body (see {@link encodeApiGatewayPutRecord}). `StreamName` may be
 * absent, since the mapping template takes the stream from the path; other fields are ignored. A body
 * over `options.maxBodyBytes` (default `API_GATEWAY_MAX_BODY_BYTES`, 10 MiB) is refused unparsed.
 *
 * @throws {RangeError} when `options.maxBodyBytes` is not a positive integer.
 * @example
 * decodeApiGatewayPutRecord('{"StreamName":"s","Data":{"ind":1},"PartitionKey":"p"}');
 * // { ok: true, value: { streamName: "s", data: { ind: 1 }, partitionKey: "p" } }
 */
export function decodeApiGatewayPutRecord(
  body: string,
  options?: DecodeBodyOptions,
): DecodeResult<ApiGatewayPutRecordBody> {
  if (typeof body !== "string") return rejected("body is not a string");
  const tooLarge = bodyByteLimitProblem(body, options, API_GATEWAY_MAX_BODY_BYTES);
  if (tooLarge !== null) return rejected(tooLarge);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return rejected(`body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document)) return rejected("body is not a JSON object");
  const { StreamName, Data, PartitionKey } = document;
  const problem = bodyProblem(StreamName, Data, PartitionKey);
  if (problem !== null) return rejected(problem);
  const value = { data: Data as JsonRecord, partitionKey: PartitionKey as string };
  return decoded(StreamName === undefined ? value : { streamName: StreamName as string, ...value });
}
