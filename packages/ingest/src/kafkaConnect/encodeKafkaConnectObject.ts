import { gzipSync } from "node:zlib";
import { IngestInputError } from "./ingestInputError";
import { type JsonRecord, stringifyJsonRecord } from "./jsonRecord";

/** Options of {@link encodeKafkaConnectObject}. */
export interface EncodeKafkaConnectObjectOptions {
  /** Gzip the body, as the S3 sink does with `s3.compression.type=gzip` (`.json.gz` keys). */
  readonly gzip?: boolean;
}

/**
 * Encodes records as the Kafka Connect S3 sink's JSON format writes them: each record as one line of
 * JSON followed by `\n`. Returns text, or gzip bytes with `{ gzip: true }`.
 *
 * @throws {IngestInputError} when `records` is not an array or one of them is not a JSON record.
 * @example
 * encodeKafkaConnectObject([{ ind: 1 }, { ind: 2 }]); // '{"ind":1}\n{"ind":2}\n'
 * encodeKafkaConnectObject([{ ind: 1 }], { gzip: true }); // Uint8Array starting 0x1f 0x8b
 */
export function encodeKafkaConnectObject(records: readonly JsonRecord[]): string;
export function encodeKafkaConnectObject(
  records: readonly JsonRecord[],
  options: EncodeKafkaConnectObjectOptions & { readonly gzip: true },
): Uint8Array;
export function encodeKafkaConnectObject(
  records: readonly JsonRecord[],
  options?: EncodeKafkaConnectObjectOptions,
): string | Uint8Array;
export function encodeKafkaConnectObject(
  records: readonly JsonRecord[],
  options: EncodeKafkaConnectObjectOptions = {},
): string | Uint8Array {
  if (!Array.isArray(records))
    throw new IngestInputError("encodeKafkaConnectObject", "records is not an array");
  const text = records
    .map(
      (record, index) => `${stringifyJsonRecord(record, "encodeKafkaConnectObject", `records[${index}]`)}\n`,
    )
    .join("");
  return options.gzip === true ? new Uint8Array(gzipSync(text)) : text;
}
