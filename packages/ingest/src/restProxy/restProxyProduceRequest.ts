import {
  bodyByteLimitProblem,
  type DecodeBodyOptions,
  REST_PROXY_MAX_BODY_BYTES,
} from "../apiGateway/bodyByteLimit";
import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { IngestInputError } from "../kafkaConnect/ingestInputError";
import {
  findJsonRecordProblem,
  findJsonValueProblem,
  type JsonRecord,
  type JsonValue,
} from "../kafkaConnect/jsonRecord";

/**
 * Content type of a Confluent REST Proxy v2 produce request whose records are embedded JSON.
 *
 * @example
 * fetch("http://localhost:8082/topics/0a1b.pin", {
 *   method: "POST",
 *   headers: { "Content-Type": REST_PROXY_JSON_V2_CONTENT_TYPE },
 *   body: encodeRestProxyProduce([{ value: { index: 1 } }]).body,
 * });
 */
export const REST_PROXY_JSON_V2_CONTENT_TYPE = "application/vnd.kafka.json.v2+json";

/** One record of a REST Proxy v2 produce request (`POST /topics/<topic>`). */
export interface RestProxyRecord {
  readonly value: JsonRecord;
  /** Kafka message key, any JSON value; omitted for none. */
  readonly key?: JsonValue;
  /** Target partition; omitted to let the proxy's partitioner choose. */
  readonly partition?: number;
}

/** A ready-to-send produce request. */
export interface RestProxyProduceRequest {
  readonly contentType: typeof REST_PROXY_JSON_V2_CONTENT_TYPE;
  readonly body: string;
}

const MAX_PARTITION = 2 ** 31 - 1;
const isPartition = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_PARTITION;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Encodes a REST Proxy v2 produce request as the original batch emulator sent it:
 * `{"records":[{"value":{...}}]}` with `key` and `partition` written only when given.
 *
 * @throws {IngestInputError} when `records` is not an array, a value is not a JSON record, a key is
 * not a JSON value or a partition is not an int32 >= 0.
 * @example
 * encodeRestProxyProduce([{ value: { ind: 7 } }]);
 * // { contentType: "application/vnd.kafka.json.v2+json", body: '{"records":[{"value":{"ind":7}}]}' }
 */
export function encodeRestProxyProduce(records: readonly RestProxyRecord[]): RestProxyProduceRequest {
  const fail = (reason: string): never => {
    throw new IngestInputError("encodeRestProxyProduce", reason);
  };
  if (!Array.isArray(records)) fail("records is not an array");
  const wire = records.map((record, index) => {
    if (!isObject(record)) return fail(`records[${index}] is not an object`);
    const problem = findJsonRecordProblem(record.value, `records[${index}].value`);
    if (problem !== null) fail(problem);
    if (record.key !== undefined) {
      const keyProblem = findJsonValueProblem(record.key, `records[${index}].key`);
      if (keyProblem !== null) fail(keyProblem);
    }
    if (record.partition !== undefined && !isPartition(record.partition)) {
      fail(`records[${index}].partition is not an int32 >= 0`);
    }
    // Written key, value, partition: the field order of the proxy's documentation.
    return {
      ...(record.key === undefined ? {} : { key: record.key }),
      value: record.value,
      ...(record.partition === undefined ? {} : { partition: record.partition }),
    };
  });
  return { contentType: REST_PROXY_JSON_V2_CONTENT_TYPE, body: JSON.stringify({ records: wire }) };
}

/**
 * Decodes and validates a REST Proxy v2 JSON produce request body. The proxy accepts or refuses a
 * request as a whole, so one bad record makes the result `{ ok: false }` with the record's index in the
 * reason. Unknown fields (such as Avro schema ids) are ignored; a `null` partition means none. A body
 * over `options.maxBodyBytes` (default `REST_PROXY_MAX_BODY_BYTES`, 10 MiB) is refused unparsed.
 *
 * @throws {RangeError} when `options.maxBodyBytes` is not a positive integer.
 * @example
 * decodeRestProxyProduce('{"records":[{"key":"k","value":{"ind":7},"partition":1}]}');
 * // { ok: true, value: [{ value: { ind: 7 }, key: "k", partition: 1 }] }
 * decodeRestProxyProduce('{"records":[]}', { maxBodyBytes: 8 });
 * // { ok: false, reason: "body is over the limit of 8 bytes" }
 */
export function decodeRestProxyProduce(
  body: string,
  options?: DecodeBodyOptions,
): DecodeResult<RestProxyRecord[]> {
  if (typeof body !== "string") return rejected("body is not a string");
  const tooLarge = bodyByteLimitProblem(body, options, REST_PROXY_MAX_BODY_BYTES);
  if (tooLarge !== null) return rejected(tooLarge);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return rejected(`body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document)) return rejected("body is not a JSON object");
  const wire = document.records;
  if (!Array.isArray(wire)) return rejected("body has no 'records' array");
  const records: RestProxyRecord[] = [];
  for (const [index, entry] of wire.entries()) {
    if (!isObject(entry)) return rejected(`records[${index}] is not an object`);
    const problem = findJsonRecordProblem(entry.value, `records[${index}].value`);
    if (problem !== null) return rejected(problem);
    let record: RestProxyRecord = { value: entry.value as JsonRecord };
    if (entry.key !== undefined) {
      const keyProblem = findJsonValueProblem(entry.key, `records[${index}].key`);
      if (keyProblem !== null) return rejected(keyProblem);
      record = { ...record, key: entry.key as JsonValue };
    }
    if (entry.partition !== undefined && entry.partition !== null) {
      if (!isPartition(entry.partition)) return rejected(`records[${index}].partition is not an int32 >= 0`);
      record = { ...record, partition: entry.partition };
    }
    records.push(record);
  }
  return decoded(records);
}
