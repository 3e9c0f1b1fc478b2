import { gunzipSync } from "node:zlib";
import { type DecodeResult, decoded, rejected } from "./decodeResult";
import { type JsonRecord, parseJsonRecord } from "./jsonRecord";

/** Options of {@link decodeKafkaConnectObject}. */
export interface DecodeKafkaConnectObjectOptions {
  /** `true`: the body is gzip; `false`: it is not; omitted: detected by the gzip magic bytes. */
  readonly gzip?: boolean;
  /** Largest gunzipped size accepted, so a gzip bomb is refused (default 256 MiB). */
  readonly maxDecompressedBytes?: number;
}

/** A line that held no record, with its 1-based line number. */
export interface BadLine {
  readonly line: number;
  readonly reason: string;
}

/** The records of one S3 sink object and the lines that were not records. */
export interface KafkaConnectObjectContents {
  readonly records: JsonRecord[];
  readonly badLines: BadLine[];
}

const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;
const BLANK = /^[ \t\r]*$/;

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Decodes the body of an object written by the Kafka Connect S3 sink with the JSON format: one JSON
 * record per line. Blank lines are skipped; a line that is not valid UTF-8, not valid JSON or not a
 * JSON record (see `findJsonRecordProblem`) is listed in `badLines` and decoding goes on. Only a body
 * that cannot be read at all (wrong type, broken or oversized gzip) is `{ ok: false }`.
 *
 * @example
 * decodeKafkaConnectObject('{"ind":1}\n\nnot json\n');
 * // { ok: true, value: { records: [{ ind: 1 }],
 * //   badLines: [{ line: 3, reason: "not valid JSON (...)" }] } }
 */
export function decodeKafkaConnectObject(
  body: string | Uint8Array,
  options: DecodeKafkaConnectObjectOptions = {},
): DecodeResult<KafkaConnectObjectContents> {
  const records: JsonRecord[] = [];
  const badLines: BadLine[] = [];
  const take = (text: string, line: number): void => {
    if (BLANK.test(text)) return;
    const result = parseJsonRecord(text);
    if (result.ok) records.push(result.value);
    else badLines.push({ line, reason: result.reason });
  };

  if (typeof body === "string") {
    if (options.gzip === true) return rejected("a gzip body must be bytes, not a string");
    for (const [index, text] of body.split("\n").entries()) take(text, index + 1);
    return decoded({ records, badLines });
  }
  if (!(body instanceof Uint8Array)) return rejected("body is neither a string nor bytes");

  let bytes = body;
  if (options.gzip ?? isGzip(body)) {
    try {
      bytes = gunzipSync(body, {
        maxOutputLength: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
      });
    } catch (error) {
      return rejected(
        `body is not readable gzip (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  // Split the bytes before decoding, so one line of broken UTF-8 costs one line, not the object.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, end));
    } catch {
      badLines.push({ line, reason: "line is not valid UTF-8" });
      start = end + 1;
      continue;
    }
    take(text, line);
    start = end + 1;
  }
  return decoded({ records, badLines });
}
