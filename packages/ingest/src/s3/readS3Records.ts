import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { compareKafkaConnectKeys } from "../kafkaConnect/compareKafkaConnectKeys";
import { type JsonRecord, parseJsonRecord } from "../kafkaConnect/jsonRecord";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { type KafkaConnectKey, parseKafkaConnectKey } from "../kafkaConnect/parseKafkaConnectKey";
import { createLineSplitter, type SplitItem } from "../local/splitLines";
import { listS3Objects } from "./listS3Objects";
import { validateS3Key } from "./validateS3Key";

/**
 * Where a record (or error) was found: the object key, the 1-based line (0 for an error about the whole
 * object) and the byte offset of the line in the object's (decompressed) body.
 *
 * @example
 * ```ts
 * const position: S3RecordPosition = { key: "topics/a.pin/partition=0/a.pin+0+0000000000.json", line: 3, byteOffset: 210 };
 * ```
 */
export interface S3RecordPosition {
  readonly key: string;
  readonly line: number;
  readonly byteOffset: number;
}

/**
 * One record read from a Kafka Connect S3 sink bucket, or one bad line or object (`error` set, `record`
 * undefined). `table` comes from the topic (`<prefix>.pin|geo|user`), `null` for other topics.
 *
 * @example
 * ```ts
 * const item: S3Record = { table: "pin", record: { index: 1 }, position: { key, line: 1, byteOffset: 0 } };
 * ```
 */
export interface S3Record {
  readonly table: SourceTable | null;
  readonly record: JsonRecord | undefined;
  readonly error?: { readonly reason: string };
  readonly position: S3RecordPosition;
}

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
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_OBJECT_ATTEMPTS = 4;
const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}

/** A body stream as Buffers, gunzipped when the key says `.json.gz` or the bytes start like gzip. */
async function* bodyChunks(body: Readable, gzipByName: boolean): AsyncGenerator<Buffer> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value as Uint8Array);
  if (!gzipByName && !(head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1])) {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield Buffer.from(next.value as Uint8Array);
    }
    return;
  }
  const gunzip = createGunzip();
  const drainedOrClosed = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        gunzip.off("drain", done);
        gunzip.off("close", done);
        resolve();
      };
      gunzip.on("drain", done);
      gunzip.on("close", done);
    });
  // Feeds the body into gunzip by hand, so an error on either side ends the iteration below.
  const feed = (async () => {
    try {
      let chunk: Buffer | undefined = head;
      while (chunk !== undefined && !gunzip.destroyed) {
        if (!gunzip.write(chunk)) await drainedOrClosed();
        const next = await iterator.next();
        chunk = next.done ? undefined : Buffer.from(next.value as Uint8Array);
      }
      if (!gunzip.destroyed) gunzip.end();
    } catch (error) {
      gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    gunzip.destroy();
    // Ends a pending read of the body, so the feeder finishes.
    body.destroy();
    await feed;
  }
}

function toItem(
  table: SourceTable | null,
  key: string,
  item: SplitItem,
  maxLineBytes: number,
): S3Record | undefined {
  const position = { key, line: item.line, byteOffset: item.byteOffset };
  if (item.kind === "too-long") {
    const reason = `line longer than maxLineBytes (${maxLineBytes}): ${item.byteLength} bytes, skipped`;
    return { table, record: undefined, error: { reason }, position };
  }
  if (isBlank(item.bytes)) return undefined;
  let text: string;
  try {
    text = utf8.decode(item.bytes);
  } catch {
    return { table, record: undefined, error: { reason: "line is not valid UTF-8" }, position };
  }
  const parsed = parseJsonRecord(text);
  return parsed.ok
    ? { table, record: parsed.value, position }
    : { table, record: undefined, error: { reason: parsed.reason }, position };
}

/** How one read of an object ended when it failed: the error to report and the last line delivered. */
interface ObjectReadFailure {
  readonly error: S3Record;
  readonly lastLine: number;
}

async function* readObjectOnce(
  options: ReadS3RecordsOptions,
  key: KafkaConnectKey & { readonly s3Key: string },
  skipThroughLine: number,
  maxLineBytes: number,
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
    const reason = `cannot read object: ${describeError(error)}`;
    const position = { key: s3Key, line: 0, byteOffset: 0 };
    failed({ error: { table, record: undefined, error: { reason }, position }, lastLine: skipThroughLine });
    return;
  }
  const splitter = createLineSplitter({ maxLineBytes });
  let nextLine = 1;
  let bytesSeen = 0;
  function* emit(items: readonly SplitItem[]): Generator<S3Record> {
    for (const item of items) {
      if (options.signal?.aborted) return;
      nextLine = item.line + 1;
      if (item.line <= skipThroughLine) continue;
      const record = toItem(table, s3Key, item, maxLineBytes);
      if (record !== undefined) yield record;
    }
  }
  try {
    for await (const chunk of bodyChunks(body, key.compression === "gzip")) {
      if (options.signal?.aborted) return;
      bytesSeen += chunk.length;
      yield* emit(splitter.push(chunk));
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    const reason = `cannot read object: ${describeError(error)}`;
    const position = { key: s3Key, line: nextLine, byteOffset: bytesSeen };
    // Only whole lines were delivered; the cut partial line is read again on the next attempt.
    failed({
      error: { table, record: undefined, error: { reason }, position },
      lastLine: Math.max(skipThroughLine, nextLine - 1),
    });
    return;
  } finally {
    body.destroy();
  }
  if (!options.signal?.aborted) yield* emit(splitter.end());
}

async function* recordsOfObject(
  options: ReadS3RecordsOptions,
  key: KafkaConnectKey & { readonly s3Key: string },
  skipThroughLine: number,
  maxLineBytes: number,
): AsyncGenerator<S3Record> {
  // The SDK retries a failed request, but not a body it has already handed over: a connection cut
  // mid-body would lose the rest of the object, so the object is read again past the lines delivered.
  const attempts = options.maxObjectAttempts ?? DEFAULT_MAX_OBJECT_ATTEMPTS;
  let skip = skipThroughLine;
  for (let attempt = 1; ; attempt++) {
    let failure: ObjectReadFailure | undefined;
    yield* readObjectOnce(options, key, skip, maxLineBytes, (f) => {
      failure = f;
    });
    if (failure === undefined) return;
    if (attempt >= attempts || options.signal?.aborted) {
      yield failure.error;
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
 * - streams each body from GetObject (gunzipping `.json.gz` or gzip-looking bodies), splitting lines over
 *   Buffers with a bounded line length, so memory stays small whatever the object size;
 * - never throws on bad data: invalid UTF-8, invalid JSON, non-object lines, over-long lines, unreadable
 *   objects and (unless skipped) keys outside the layout come out as items with `error` and a position;
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
    const objects: (KafkaConnectKey & { readonly s3Key: string })[] = [];
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
          error: { reason },
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
      yield* recordsOfObject(options, object, skipThroughLine, maxLineBytes);
    }
    if (!options.signal?.aborted) yield* unrecognized;
  }

  return { [Symbol.asyncIterator]: () => run() };
}
