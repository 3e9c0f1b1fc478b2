import { REST_PROXY_MAX_BODY_BYTES } from "../apiGateway/bodyByteLimit";
import { kafkaErrorMessage } from "../kafka/kafkaErrorMessage";
import type { KafkaRecordToSend } from "../kafka/kafkaRecordProducer";
import { decodeRestProxyProduce } from "../restProxy/restProxyProduceRequest";
import { encodeRestProxyProduceResponse, type RestProxyOffset } from "../restProxy/restProxyProduceResponse";
import { type GatewayAnswer, REST_PROXY_ANSWER_CONTENT_TYPE, restProxyError } from "./gatewayAnswer";
import { isRetriableKafkaError } from "./kafkaErrorRetriable";
import type { KafkaGatewayBackend } from "./kafkaGatewayBackend";
import { acceptsAny, mediaType } from "./mediaType";
import type { RecordPartitioner } from "./recordPartitioner";
import { REST_PROXY_ERROR_CODES as CODES } from "./restProxyErrorCodes";

/**
 * One REST Proxy v2 produce request as the gateway received it.
 *
 * @example
 * const request: RestProxyProduceInput = { topic: "0a1b.pin", contentType: "application/vnd.kafka.json.v2+json", body: '{"records":[]}' };
 */
export interface RestProxyProduceInput {
  readonly topic: string;
  readonly contentType: string | undefined;
  readonly accept?: string | undefined;
  readonly body: string;
}

/** The answer types a client may ask for in Accept. */
const ANSWER_TYPES = [REST_PROXY_ANSWER_CONTENT_TYPE, "application/vnd.kafka+json", "application/json"];
const JSON_FORMAT = "application/vnd.kafka.json.v2+json";
const BINARY_FORMAT = "application/vnd.kafka.binary.v2+json";
const SCHEMA_FORMATS = [
  "application/vnd.kafka.avro.v2+json",
  "application/vnd.kafka.jsonschema.v2+json",
  "application/vnd.kafka.protobuf.v2+json",
];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_PARTITION = 2 ** 31 - 1;

type Planned = { readonly value: Buffer; readonly key?: Buffer; readonly partition?: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const invalid = (message: string) => restProxyError(422, CODES.invalidPayload, message);

/** The records of an embedded-JSON body: values and keys are stored as their JSON text. */
function planJsonRecords(body: string): Planned[] | GatewayAnswer {
  const decoded = decodeRestProxyProduce(body, { maxBodyBytes: REST_PROXY_MAX_BODY_BYTES });
  if (!decoded.ok) {
    return decoded.reason.startsWith("body is not valid JSON")
      ? restProxyError(400, CODES.malformedJson, decoded.reason)
      : invalid(decoded.reason);
  }
  return decoded.value.map((record) => ({
    value: Buffer.from(JSON.stringify(record.value), "utf8"),
    ...(record.key === undefined ? {} : { key: Buffer.from(JSON.stringify(record.key), "utf8") }),
    ...(record.partition === undefined ? {} : { partition: record.partition }),
  }));
}

/** The records of a binary body: values and keys are base64 text, stored as the bytes they encode. */
function planBinaryRecords(document: Record<string, unknown>): Planned[] | GatewayAnswer {
  if (!Array.isArray(document.records)) return invalid("body has no 'records' array");
  const planned: Planned[] = [];
  for (const [index, entry] of document.records.entries()) {
    if (!isObject(entry)) return invalid(`records[${index}] is not an object`);
    const bytes = (field: "key" | "value"): Buffer | undefined | GatewayAnswer => {
      const text = entry[field];
      if (text === undefined || text === null) return undefined;
      if (typeof text !== "string" || !BASE64.test(text)) {
        return restProxyError(422, CODES.jsonConversion, `records[${index}].${field} is not base64`);
      }
      return Buffer.from(text, "base64");
    };
    const value = bytes("value");
    const key = bytes("key");
    if (value !== undefined && !Buffer.isBuffer(value)) return value;
    if (key !== undefined && !Buffer.isBuffer(key)) return key;
    if (value === undefined) return invalid(`records[${index}].value is missing`);
    const partition = entry.partition;
    if (partition !== undefined && partition !== null) {
      if (
        typeof partition !== "number" ||
        !Number.isInteger(partition) ||
        partition < 0 ||
        partition > MAX_PARTITION
      )
        return invalid(`records[${index}].partition is not an int32 >= 0`);
    }
    planned.push({
      value,
      ...(key === undefined ? {} : { key }),
      ...(typeof partition === "number" ? { partition } : {}),
    });
  }
  return planned;
}

/** Schema formats need a schema registry; say which schema is missing, as the proxy does. */
function refuseSchemaFormat(document: Record<string, unknown>, type: string): GatewayAnswer {
  const records = Array.isArray(document.records) ? document.records : [];
  const hasKeys = records.some((entry) => isObject(entry) && entry.key !== undefined && entry.key !== null);
  if (hasKeys && document.key_schema === undefined && document.key_schema_id === undefined) {
    return restProxyError(
      422,
      CODES.keySchemaMissing,
      "Request includes keys but does not include key schema",
    );
  }
  if (document.value_schema === undefined && document.value_schema_id === undefined) {
    return restProxyError(
      422,
      CODES.valueSchemaMissing,
      "Request includes values but does not include value schema",
    );
  }
  return restProxyError(
    415,
    CODES.unsupportedMediaType,
    `${type} needs a schema registry, which this gateway does not have; use ${JSON_FORMAT}`,
  );
}

/** The body parsed as a JSON object, or the error answer for it. */
function parseObject(
  body: string,
): { readonly document: Record<string, unknown> } | { readonly refused: GatewayAnswer } {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const reason = `body is not valid JSON (${(error as Error).message})`;
    return { refused: restProxyError(400, CODES.malformedJson, reason) };
  }
  return isObject(document) ? { document } : { refused: invalid("body is not a JSON object") };
}

/**
 * Serves a Confluent REST Proxy v2 produce request (`POST /topics/{topic}`) on Kafka, with the
 * proxy's answers: `{"offsets":[{partition,offset,error_code,error}],"key_schema_id":null,
 * "value_schema_id":null}` in request order, or `{"error_code","message"}`. Content types:
 * `application/vnd.kafka.json.v2+json` (values and keys embedded JSON, stored as their JSON text) and
 * `application/vnd.kafka.binary.v2+json` (base64, stored as the bytes); schema formats are refused
 * (42201/42202 for a missing schema, else 415: there is no schema registry), other types 415, an
 * Accept without a JSON answer type 406/40601. Malformed JSON is 400, a body that is not a produce
 * request 422/42206, an unknown topic 404/40401, a partition past the topic's 404/40402. Nothing is
 * sent unless the whole request is valid. Records without a partition get one from `partitioner`;
 * a Kafka failure answers 500 with 50003 (retriable: the client may resend; the idempotent producer
 * never stores a resent batch twice) or 50002.
 *
 * @example
 * const answer = await produceThroughRestProxy(
 *   { topic: "0a1b.pin", contentType: "application/vnd.kafka.json.v2+json", body: '{"records":[{"value":{"index":1}}]}' },
 *   kafka,
 *   createRecordPartitioner(),
 * );
 * answer.body; // '{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}'
 */
export async function produceThroughRestProxy(
  input: RestProxyProduceInput,
  kafka: KafkaGatewayBackend,
  partitioner: RecordPartitioner,
): Promise<GatewayAnswer> {
  if (!acceptsAny(input.accept, ANSWER_TYPES)) {
    return restProxyError(406, CODES.notAcceptable, "HTTP 406 Not Acceptable");
  }
  const type = mediaType(input.contentType);
  let planned: Planned[] | GatewayAnswer;
  if (type === JSON_FORMAT) {
    planned = planJsonRecords(input.body);
  } else if (type === BINARY_FORMAT || SCHEMA_FORMATS.includes(type)) {
    const parsed = parseObject(input.body);
    if ("refused" in parsed) return parsed.refused;
    const { document } = parsed;
    if (type !== BINARY_FORMAT) return refuseSchemaFormat(document, type);
    planned = planBinaryRecords(document);
  } else {
    return restProxyError(415, CODES.unsupportedMediaType, "HTTP 415 Unsupported Media Type");
  }
  if (!Array.isArray(planned)) return planned;

  let partitions: number | undefined;
  try {
    partitions = await kafka.partitionCount(input.topic);
  } catch (error) {
    return kafkaFailure(error);
  }
  if (partitions === undefined)
    return restProxyError(404, CODES.topicNotFound, `Topic ${input.topic} not found.`);
  const tooHigh = planned.findIndex(
    (record) => record.partition !== undefined && record.partition >= partitions,
  );
  if (tooHigh >= 0) {
    return restProxyError(
      404,
      CODES.partitionNotFound,
      `Partition ${planned[tooHigh]!.partition} of topic ${input.topic} not found.`,
    );
  }
  if (planned.length === 0) return produced([]);
  const records: KafkaRecordToSend[] = planned.map((record) => ({
    topic: input.topic,
    value: record.value,
    ...(record.key === undefined ? {} : { key: record.key }),
    partition: record.partition ?? partitioner.partitionOf(input.topic, partitions, record.key),
  }));
  let bases: ReadonlyMap<number, bigint>;
  try {
    const stored = await kafka.send(records);
    bases = new Map(stored.map((entry) => [entry.partition, entry.offset]));
  } catch (error) {
    return kafkaFailure(error);
  }
  // Records of one partition are stored in request order from that partition's base offset.
  const seen = new Map<number, number>();
  const offsets: RestProxyOffset[] = records.map((record) => {
    const partition = record.partition!;
    const k = seen.get(partition) ?? 0;
    seen.set(partition, k + 1);
    const base = bases.get(partition);
    if (base === undefined) {
      return { partition, offset: null, error_code: 1, error: "Kafka answered no offset for this partition" };
    }
    return { partition, offset: Number(base + BigInt(k)), error_code: null, error: null };
  });
  return produced(offsets);
}

function produced(offsets: readonly RestProxyOffset[]): GatewayAnswer {
  return {
    status: 200,
    contentType: REST_PROXY_ANSWER_CONTENT_TYPE,
    body: encodeRestProxyProduceResponse(offsets),
    records: offsets.length,
  };
}

function kafkaFailure(error: unknown): GatewayAnswer {
  const message = kafkaErrorMessage(error);
  return isRetriableKafkaError(error)
    ? restProxyError(500, CODES.kafkaRetriableError, `Retriable Kafka error: ${message}`)
    : restProxyError(500, CODES.kafkaError, `Kafka error: ${message}`);
}
