import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { findJsonRecordProblem, type JsonRecord } from "../kafkaConnect/jsonRecord";
import { partitionKeyProblem } from "../kinesis/kinesisKeys";
import { API_GATEWAY_MAX_BODY_BYTES, bodyByteLimitProblem, type DecodeBodyOptions } from "./bodyByteLimit";

/** One entry of a `PUT /streams/{stream-name}/records` body. */
export interface ApiGatewayPutRecordsEntry {
  readonly data: JsonRecord;
  readonly partitionKey: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const entryProblem = (entry: unknown, path: string): string | null => {
  if (!isObject(entry)) return `${path} is not an object`;
  const keyProblem = partitionKeyProblem(entry["partition-key"]);
  if (keyProblem !== null) return `${path}.partition-key: ${keyProblem}`;
  return findJsonRecordProblem(entry.data, `${path}.data`);
};

/**
 * Encodes the PutRecords body the proxy's mapping template iterates: `{"records":[{"data","partition-key"}]}`.
 *
 * @throws {IngestInputError} when `entries` is not an array, a partition key is illegal or data is not
 * a JSON record.
 * @example
 * encodeApiGatewayPutRecords([{ data: { ind: 1 }, partitionKey: "p" }]);
 * // '{"records":[{"data":{"ind":1},"partition-key":"p"}]}'
 */
export function encodeApiGatewayPutRecords(entries: readonly ApiGatewayPutRecordsEntry[]): string {
  if (!Array.isArray(entries))
    throw new IngestInputError("encodeApiGatewayPutRecords", "entries is not an array");
  const records = entries.map((entry, index) => {
    const wire = isObject(entry) ? { data: entry.data, "partition-key": entry.partitionKey } : entry;
    const problem = entryProblem(wire, `records[${index}]`);
    if (problem !== null) throw new IngestInputError("encodeApiGatewayPutRecords", problem);
    return wire;
  });
  return JSON.stringify({ records });
}

/**
 * Decodes and validates a PutRecords body (see {@link encodeApiGatewayPutRecords}). Kinesis takes or
 * refuses such a request as a whole, so one bad entry fails the result, naming its index. A body over
 * `options.maxBodyBytes` (default `API_GATEWAY_MAX_BODY_BYTES`, 10 MiB) is refused unparsed.
 *
 * @throws {RangeError} when `options.maxBodyBytes` is not a positive integer.
 * @example
 * decodeApiGatewayPutRecords('{"records":[{"data":{"ind":1},"partition-key":"p"}]}');
 * // { ok: true, value: [{ data: { ind: 1 }, partitionKey: "p" }] }
 */
export function decodeApiGatewayPutRecords(
  body: string,
  options?: DecodeBodyOptions,
): DecodeResult<ApiGatewayPutRecordsEntry[]> {
  if (typeof body !== "string") return rejected("body is not a string");
  const tooLarge = bodyByteLimitProblem(body, options, API_GATEWAY_MAX_BODY_BYTES);
  if (tooLarge !== null) return rejected(tooLarge);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return rejected(`body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document) || !Array.isArray(document.records)) return rejected("body has no 'records' array");
  const entries: ApiGatewayPutRecordsEntry[] = [];
  for (const [index, entry] of document.records.entries()) {
    const problem = entryProblem(entry, `records[${index}]`);
    if (problem !== null) return rejected(problem);
    const { data, "partition-key": partitionKey } = entry as Record<string, unknown>;
    entries.push({ data: data as JsonRecord, partitionKey: partitionKey as string });
  }
  return decoded(entries);
}
