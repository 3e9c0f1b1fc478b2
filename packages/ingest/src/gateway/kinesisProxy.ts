import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  type KinesisClient,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { decodeApiGatewayPutRecord } from "../apiGateway/apiGatewayPutRecordBody";
import { decodeApiGatewayPutRecords } from "../apiGateway/apiGatewayPutRecordsBody";
import { toKinesisPutRecordInput, toKinesisPutRecordsInput } from "../apiGateway/toKinesisInput";
import { KINESIS_LIMITS } from "../kinesis/kinesisLimits";
import { apiGatewayError, type GatewayAnswer } from "./gatewayAnswer";
import { kinesisWireJson } from "./kinesisWireJson";
import { mediaType } from "./mediaType";

/**
 * Shard count of a stream created by `POST /streams/{stream}` without a `ShardCount`: the default
 * of the API Gateway CreateStream mapping template the pipeline's API was built from.
 *
 * @example
 * DEFAULT_CREATE_STREAM_SHARDS; // 5
 */
export const DEFAULT_CREATE_STREAM_SHARDS = 5;

/**
 * One API Gateway Kinesis request: which action on which stream, and its content type and body.
 *
 * @example
 * const request: KinesisProxyInput = { kind: "putRecord", stream: "s", contentType: "application/json", body: "{}" };
 */
export interface KinesisProxyInput {
  readonly kind:
    | "listStreams"
    | "describeStream"
    | "createStream"
    | "deleteStream"
    | "putRecord"
    | "putRecords";
  /** The stream from the path (absent for listStreams); a body's StreamName is ignored. */
  readonly stream?: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

/**
 * Options of {@link callKinesisThroughApiGateway}.
 *
 * @example
 * const options: KinesisProxyOptions = { defaultShardCount: 1 };
 */
export interface KinesisProxyOptions {
  /** Shards of a stream created without `ShardCount` (default {@link DEFAULT_CREATE_STREAM_SHARDS}). */
  readonly defaultShardCount?: number;
}

const ok = (body: string, records?: number): GatewayAnswer => ({
  status: 200,
  contentType: "application/json",
  body,
  ...(records === undefined ? {} : { records }),
});

/** A Kinesis error as Kinesis answers it (status and `{"__type","message"}`), passed through. */
function kinesisFailure(error: unknown): GatewayAnswer {
  const failure = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = failure?.$metadata?.httpStatusCode;
  const message = typeof failure?.message === "string" ? failure.message : String(error);
  if (typeof status !== "number" || status < 400) {
    // No answer from Kinesis at all (refused connection, timeout): API Gateway's bad-gateway wording.
    return apiGatewayError(502, `Kinesis did not answer: ${message}`);
  }
  const type = typeof failure.name === "string" ? failure.name : "InternalFailure";
  return {
    status,
    contentType: "application/x-amz-json-1.1",
    body: JSON.stringify({ __type: type, message }),
  };
}

/** The ShardCount of a CreateStream body (optional), or why it is refused. */
function shardCountOf(body: string, fallback: number): number | string {
  if (body.trim() === "") return fallback;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return "body is not valid JSON";
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    return "body is not a JSON object";
  const count = (document as Record<string, unknown>).ShardCount;
  if (count === undefined || count === null || count === "") return fallback;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100_000)
    return "ShardCount must be an integer from 1 to 100000";
  return count;
}

/**
 * Serves the API Gateway Kinesis routes of the original pipeline on a real Kinesis endpoint, with the
 * mapping templates' translation: `GET /streams` → ListStreams, `GET|POST|DELETE /streams/{stream}` →
 * DescribeStream, CreateStream (`ShardCount` from the body, else `options.defaultShardCount`, 5) and
 * DeleteStream, `PUT /streams/{stream}/record` → PutRecord and `/records` → PutRecords, with `Data`
 * re-serialized as JSON text (so an object arrives as its JSON) and the stream taken from the path.
 * Kinesis's answers pass through: its JSON on success, its status and `{"__type","message"}` on an
 * error (so a client can tell throttling from a bad request). Put bodies must be `application/json`
 * (else 415) and decode as the templates expect (else 400, nothing sent); a put's entries count as
 * `records` of the answer.
 *
 * @example
 * const answer = await callKinesisThroughApiGateway(
 *   { kind: "putRecord", stream: "streaming-0a1b-pin", contentType: "application/json", body: '{"Data":{"index":1},"PartitionKey":"p"}' },
 *   kinesis,
 * );
 * answer.body; // '{"SequenceNumber":"4959…","ShardId":"shardId-000000000000"}'
 */
export async function callKinesisThroughApiGateway(
  input: KinesisProxyInput,
  kinesis: KinesisClient,
  options: KinesisProxyOptions = {},
): Promise<GatewayAnswer> {
  const StreamName = input.stream ?? "";
  const isPut = input.kind === "putRecord" || input.kind === "putRecords";
  if (isPut && mediaType(input.contentType) !== "application/json") {
    return apiGatewayError(415, "Unsupported Media Type");
  }
  try {
    switch (input.kind) {
      case "listStreams":
        return ok(kinesisWireJson(await kinesis.send(new ListStreamsCommand({}))));
      case "describeStream":
        return ok(kinesisWireJson(await kinesis.send(new DescribeStreamCommand({ StreamName }))));
      case "deleteStream":
        return ok(kinesisWireJson(await kinesis.send(new DeleteStreamCommand({ StreamName }))));
      case "createStream": {
        const ShardCount = shardCountOf(
          input.body,
          options.defaultShardCount ?? DEFAULT_CREATE_STREAM_SHARDS,
        );
        if (typeof ShardCount === "string") return apiGatewayError(400, ShardCount);
        return ok(kinesisWireJson(await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount }))));
      }
      case "putRecord": {
        const decoded = decodeApiGatewayPutRecord(input.body);
        if (!decoded.ok) return apiGatewayError(400, decoded.reason);
        const command = new PutRecordCommand(toKinesisPutRecordInput(StreamName, decoded.value));
        return ok(kinesisWireJson(await kinesis.send(command)), 1);
      }
      case "putRecords": {
        const decoded = decodeApiGatewayPutRecords(input.body);
        if (!decoded.ok) return apiGatewayError(400, decoded.reason);
        if (decoded.value.length === 0 || decoded.value.length > KINESIS_LIMITS.maxRequestEntries) {
          return apiGatewayError(
            400,
            `records must hold 1 to ${KINESIS_LIMITS.maxRequestEntries} entries, got ${decoded.value.length}`,
          );
        }
        const command = new PutRecordsCommand(toKinesisPutRecordsInput(StreamName, decoded.value));
        return ok(kinesisWireJson(await kinesis.send(command)), decoded.value.length);
      }
    }
  } catch (error) {
    return kinesisFailure(error);
  }
}
