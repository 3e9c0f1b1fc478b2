import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { stringifyJsonRecord } from "../kafkaConnect/jsonRecord";
import type { KinesisPutRecordsEntry } from "../kinesis/aggregate";
import { partitionKeyProblem } from "../kinesis/kinesisKeys";
import type { ApiGatewayPutRecordBody } from "./apiGatewayPutRecordBody";
import type { ApiGatewayPutRecordsEntry } from "./apiGatewayPutRecordsBody";
import { isKinesisStreamName } from "./kinesisStreamName";

/** PutRecord input; assignable to the SDK's `PutRecordInput`. */
export interface KinesisPutRecordInput {
  readonly StreamName: string;
  readonly Data: Uint8Array;
  readonly PartitionKey: string;
}

/** PutRecords input; assignable to the SDK's `PutRecordsInput`. */
export interface KinesisPutRecordsInput {
  readonly StreamName: string;
  readonly Records: KinesisPutRecordsEntry[];
}

const encoder = new TextEncoder();

const checkStream = (operation: string, streamName: string): void => {
  if (!isKinesisStreamName(streamName))
    throw new IngestInputError(operation, "streamName is not a Kinesis stream name");
};

const checkKey = (operation: string, partitionKey: unknown, path: string): void => {
  const problem = partitionKeyProblem(partitionKey);
  if (problem !== null) throw new IngestInputError(operation, `${path}: ${problem}`);
};

/**
 * What the PutRecord mapping template sends to Kinesis for a decoded body: the stream from the path
 * (the body's `StreamName` is ignored, as the template does), `Data` the UTF-8 bytes of the record's
 * JSON and the body's partition key.
 *
 * @throws {IngestInputError} for an illegal stream name or partition key, or data that is not a JSON record.
 * @example
 * toKinesisPutRecordInput("streaming-0a1b-pin", { data: { index: 7 }, partitionKey: "partition-1" });
 * // { StreamName: "streaming-0a1b-pin", Data: bytes of '{"index":7}', PartitionKey: "partition-1" }
 */
export function toKinesisPutRecordInput(
  streamName: string,
  body: ApiGatewayPutRecordBody,
): KinesisPutRecordInput {
  const operation = "toKinesisPutRecordInput";
  checkStream(operation, streamName);
  if (typeof body !== "object" || body === null)
    throw new IngestInputError(operation, "body is not an object");
  checkKey(operation, body.partitionKey, "partitionKey");
  const json = stringifyJsonRecord(body.data, operation, "data");
  return { StreamName: streamName, Data: encoder.encode(json), PartitionKey: body.partitionKey };
}

/**
 * What the PutRecords mapping template sends to Kinesis for decoded entries, in order: per entry the
 * UTF-8 bytes of the record's JSON and its partition key.
 *
 * @throws {IngestInputError} for an illegal stream name, a non-array, an illegal partition key or data
 * that is not a JSON record.
 * @example
 * toKinesisPutRecordsInput("streaming-0a1b-geo", [{ data: { ind: 1 }, partitionKey: "p" }]);
 * // { StreamName: "streaming-0a1b-geo", Records: [{ Data: bytes of '{"ind":1}', PartitionKey: "p" }] }
 */
export function toKinesisPutRecordsInput(
  streamName: string,
  entries: readonly ApiGatewayPutRecordsEntry[],
): KinesisPutRecordsInput {
  const operation = "toKinesisPutRecordsInput";
  checkStream(operation, streamName);
  if (!Array.isArray(entries)) throw new IngestInputError(operation, "entries is not an array");
  const Records = entries.map((entry, index) => {
    if (typeof entry !== "object" || entry === null)
      throw new IngestInputError(operation, `entries[${index}] is not an object`);
    checkKey(operation, entry.partitionKey, `entries[${index}].partitionKey`);
    const json = stringifyJsonRecord(entry.data, operation, `entries[${index}].data`);
    return { Data: encoder.encode(json), PartitionKey: entry.partitionKey };
  });
  return { StreamName: streamName, Records };
}
