import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { compareKafkaConnectKeys } from "../kafkaConnect/compareKafkaConnectKeys";
import { type KafkaConnectKey, parseKafkaConnectKey } from "../kafkaConnect/parseKafkaConnectKey";
import { createLineSplitter, type SplitItem } from "../local/splitLines";
import { listS3Objects } from "./listS3Objects";
import { objectBodyChunks } from "./objectBodyChunks";
import { s3LineRecord } from "./s3LineRecord";
import type { S3Record, S3RecordPosition } from "./s3Record";
import { validateS3Key } from "./validateS3Key";

/**
 * Options of {@link readS3Records}.
 *
 * @example
 * ```ts
 * const options: ReadS3RecordsOptions = { client, bucket: "raw", prefix: "topics/", startAfter: { key, line: 20 } };
 * ```
 */
export interface ReadS3RecordsOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Only objects under this key prefix (e.g. `topics/` or `topics/0a1b.pin/`). */
  readonly prefix?: string;
  /** Resume after this position: earlier objects are skipped, and in this object lines ≤ `line` (all when omitted). */
  readonly startAfter?: { readonly key: string; readonly line?: number };
  /** Longest line kept; longer ones are reported and skipped (default 16 MiB). */
  readonly maxLineBytes?: number;
  /** ListObjectsV2 page size (1..1000, default 1000). */
  readonly pageSize?: number;
  /** Report keys that are not Kafka Connect sink objects as errors (default) or skip them silently. */
  readonly unrecognizedKeys?: "error" | "skip";
  /**
   * Reads of one object before its failure is reported (default 4): a body cut mid-stream is read
   * again from the start, skipping the lines already delivered, so no record is lost or repeated.
   */
  readonly maxObjectAttempts?: number;
  /**
   * Most bytes inflated from one gzipped object, as in `readLocalRecords`. Past it the object is
   * stopped and reported as one error (lines completed before the limit are kept) and reading goes on
   * with the next object, so a gzip bomb costs bounded time, not time in proportion to its expansion.
   * Default 1 GiB: far above any real sink object, far below a bomb.
   */
  readonly maxDecompressedBytes?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_OBJECT_ATTEMPTS = 4;
const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;
const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Limits of one object read, resolved from the options. */
interface ObjectLimits {
  readonly maxLineBytes: number;
  readonly maxDecompressedBytes: number;
}

/** Why one read of an object failed, where, and the last line delivered before it did. */
interface ObjectReadFailure {
  readonly message: string;
  readonly position: S3RecordPosition;
  readonly lastLine: number;
}

type ObjectKey = KafkaConnectKey & { readonly s3Key: string };

async function* readObjectOnce(
  options: ReadS3RecordsOptions,
  key: ObjectKey,
  skipThroughLine: number,
  limits: ObjectLimits,
  failed: (failure: ObjectReadFailure) => void,
): AsyncGenerator<S3Record> {
  const { table, s3Key } = key;
  let body: Readable;
  try {
    const response = await options.client.send(
      new GetObjectCommand({ Bucket: options.bucket, Key: s3Key }),
      options.signal === undefined ? {} : { abortSignal: options.signal },
    );
    if (response.Body === undefined) return;
    body = response.Body as Readable;
  } catch (error) {
    if (options.signal?.aborted) return;
    const position = { key: s3Key, line: 0, byteOffset: 0 };
    failed({ message: describeError(error), position, lastLine: skipThroughLine });
    return;
  }
  const splitter = createLineSplitter({ maxLineBytes: limits.maxLineBytes });
  let nextLine = 1;
  let bytesSeen = 0;
  function* emit(items: readonly SplitItem[]): Generator<S3Record> {
    for (const item of items) {
      if (options.signal?.aborted) return;
      nextLine = item.line + 1;
      if (item.line <= skipThroughLine) continue;
      const record = s3LineRecord(table, s3Key, item, limits.maxLineBytes);
      if (record !== undefined) yield record;
    }
  }
  try {
    for await (const { bytes, inflated } of objectBodyChunks(body, key.compression === "gzip")) {
      if (options.signal?.aborted) return;
      const limit = inflated ? limits.maxDecompressedBytes : Number.POSITIVE_INFINITY;
      if (bytesSeen + bytes.length > limit) {
        // As readLocalRecords does: lines completed within the limit count, the one it cuts is dropped
        // with the rest. Leaving the loop stops gunzip and the body, so a bomb costs bounded time.
        yield* emit(splitter.push(bytes.subarray(0, limit - bytesSeen)));
        if (options.signal?.aborted) return;
        const reason = `decompressed size exceeds maxDecompressedBytes (${limit}), rest of object skipped`;
        const position = { key: s3Key, line: nextLine, byteOffset: limit };
        yield { table, record: undefined, error: { reason, kind: "decompressed-size" }, position };
        return;
      }
      bytesSeen += bytes.length;
      yield* emit(splitter.push(bytes));
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    const position = { key: s3Key, line: nextLine, byteOffset: bytesSeen };
    // Only whole lines were delivered; the cut partial line is read again on the next attempt.
    failed({ message: describeError(error), position, lastLine: Math.max(skipThroughLine, nextLine - 1) });
    return;
  } finally {
    body.destroy();
  }
  if (!options.signal?.aborted) yield* emit(splitter.end());
}

async function* recordsOfObject(
  options: ReadS3RecordsOptions,
  key: ObjectKey,
  skipThroughLine: number,
  limits: ObjectLimits,
): AsyncGenerator<S3Record> {
  // The SDK retries a failed request, but not a body it has already handed over: a connection cut
  // mid-body would lose the rest of the object, so the object is read again past the lines delivered.
  const attempts = options.maxObjectAttempts ?? DEFAULT_MAX_OBJECT_ATTEMPTS;
  let skip = skipThroughLine;
  for (let attempt = 1; ; attempt++) {
    let failure: ObjectReadFailure | undefined;
    yield* readObjectOnce(options, key, skip, limits, (f) => {
      failure = f;
    });
    if (failure === undefined) return;
    if (attempt >= attempts || options.signal?.aborted) {
      const tries = attempt === 1 ? "1 attempt" : `${attempt} attempts`;
      const reason = `cannot read object: ${failure.message} (gave up after ${tries})`;
      const error = { reason, kind: "unreadable-object" as const };
      yield { table: key.table, record: undefined, error, position: failure.position };
      return;
    }
    skip = failure.lastLine;
    await sleep(Math.min(100 * 2 ** (attempt - 1), 2_000) * (0.5 + Math.random() / 2));
  }
}

/**
 * Streams the records of a bucket written by the Kafka Connect S3 sink
 * (`[prefix/]topics/<topic>/partition=<p>/<topic>+<p>+<offset>.json[.gz]`, one JSON object per line):
 *
 * - lists the prefix with ListObjectsV2 (all pages, no delimiter) and reads objects in Kafka order —
 *   topic, partition, then numeric start offset — which is the order the records were produced in;
 * - streams each body from GetObject (gunzipping `.json.gz` or gzip-looking bodies, up to
 *   `maxDecompressedBytes`), splitting lines over Buffers with a bounded line length, so memory stays
 *   small whatever the object size;
 * - parses each line as `readLocalRecords` does (`JSON.parse`: any JSON value, a `__proto__` key kept
 *   as a plain own property; the same reasons for bad lines), so S3 and a local copy read the same values;
 * - reads an object again, past the lines already delivered, when its body is cut mid-stream;
 * - never throws on bad data: invalid UTF-8, invalid JSON, over-long lines, objects inflating past the
 *   limit, objects still unreadable after `maxObjectAttempts` and (unless skipped) keys outside the
 *   layout come out as items with `error` (its `kind` says which) and a position;
 * - resumes after `startAfter` (a position from an earlier run).
 *
 * Invalid options throw a `RangeError` when called; listing errors (no such bucket, access denied) reject
 * the iteration.
 *
 * @example
 * ```ts
 * for await (const { table, record, error, position } of readS3Records({ client, bucket: "raw", prefix: "topics/" })) {
 *   if (error) console.warn(position.key, position.line, error.reason);
 *   else handle(table, record);
 * }
 * ```
 */
export function readS3Records(options: ReadS3RecordsOptions): AsyncIterable<S3Record> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(
      `readS3Records: maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`,
    );
  }
  const attempts = options.maxObjectAttempts ?? DEFAULT_MAX_OBJECT_ATTEMPTS;
  if (!Number.isSafeInteger(attempts) || attempts < 1) {
    throw new RangeError(
      `readS3Records: maxObjectAttempts must be a positive integer, got ${String(attempts)}`,
    );
  }
  const maxDecompressedBytes = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  if (!Number.isSafeInteger(maxDecompressedBytes) || maxDecompressedBytes < 1) {
    throw new RangeError(
      `readS3Records: maxDecompressedBytes must be a positive integer, got ${String(maxDecompressedBytes)}`,
    );
  }
  const limits: ObjectLimits = { maxLineBytes, maxDecompressedBytes };
  if (options.prefix !== undefined && options.prefix !== "")
    validateS3Key(options.prefix, { allowFolder: true });
  let start: { key: KafkaConnectKey; line: number } | undefined;
  if (options.startAfter !== undefined) {
    const parsed = parseKafkaConnectKey(options.startAfter.key);
    if (!parsed.ok)
      throw new RangeError(`readS3Records: startAfter.key is not a Kafka Connect key: ${parsed.reason}`);
    const line = options.startAfter.line ?? Number.POSITIVE_INFINITY;
    if (!(line === Number.POSITIVE_INFINITY || (Number.isSafeInteger(line) && line >= 0))) {
      throw new RangeError(
        `readS3Records: startAfter.line must be a non-negative integer, got ${String(line)}`,
      );
    }
    start = { key: parsed.value, line };
  }

  async function* run(): AsyncGenerator<S3Record> {
    const objects: ObjectKey[] = [];
    const unrecognized: S3Record[] = [];
    for await (const object of listS3Objects({
      client: options.client,
      bucket: options.bucket,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })) {
      if (object.key.endsWith("/")) continue; // a "folder" placeholder made by consoles
      const parsed = parseKafkaConnectKey(object.key);
      if (parsed.ok) objects.push({ ...parsed.value, s3Key: object.key });
      else if (options.unrecognizedKeys !== "skip") {
        const reason = `not a Kafka Connect sink object: ${parsed.reason}`;
        unrecognized.push({
          table: null,
          record: undefined,
          error: { reason, kind: "unrecognized-key" },
          position: { key: object.key, line: 0, byteOffset: 0 },
        });
      }
    }
    objects.sort(compareKafkaConnectKeys);
    for (const object of objects) {
      if (options.signal?.aborted) return;
      let skipThroughLine = 0;
      if (start !== undefined) {
        const order = compareKafkaConnectKeys(object, start.key);
        if (order < 0) continue;
        if (order === 0) {
          if (start.line === Number.POSITIVE_INFINITY) continue;
          skipThroughLine = start.line;
        }
      }
      yield* recordsOfObject(options, object, skipThroughLine, limits);
    }
    if (!options.signal?.aborted) yield* unrecognized;
  }

  return { [Symbol.asyncIterator]: () => run() };
}
