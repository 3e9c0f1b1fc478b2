import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import {
  compareKafkaConnectKeys,
  createLineSplitter,
  type KafkaConnectKey,
  listS3Objects,
  parseKafkaConnectKey,
  type SplitItem,
} from "@pinpipe/ingest";
import { describeError } from "./describeError";
import { SourceError } from "./sourceError";
import type { SourceItem } from "./sourceItem";

/** Options of {@link readS3Topics}. */
export interface ReadS3TopicsOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix before `topics/` (`""` for the bucket's root). */
  readonly prefix: string;
  /** Longest line kept; longer ones are items with an error (default 16 MiB). */
  readonly maxLineBytes?: number;
}

type ObjectKey = KafkaConnectKey & { readonly s3Key: string };

const BLANK = /^[ \t\r]*$/;

function lineItem(object: ObjectKey, item: SplitItem): SourceItem | undefined {
  const position = { key: object.s3Key, line: item.line, byteOffset: item.byteOffset };
  const { table } = object;
  if (item.kind === "too-long") {
    return {
      table,
      record: undefined,
      error: { reason: `line too long (${item.byteLength} bytes)` },
      position,
    };
  }
  // Invalid UTF-8 is kept as text with replacement characters, to show what was there.
  const text = item.bytes.toString("utf8");
  if (!isUtf8(item.bytes))
    return { table, record: undefined, error: { reason: "invalid UTF-8" }, text, position };
  if (BLANK.test(text)) return undefined;
  try {
    return { table, record: JSON.parse(text), position };
  } catch (error) {
    const reason = `invalid JSON: ${describeError(error)}`;
    return { table, record: undefined, error: { reason }, text, position };
  }
}

async function* countedBytes(
  body: AsyncIterable<Uint8Array>,
  tally: { bytes: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    tally.bytes += chunk.length;
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  }
}

async function* recordsOfObject(options: ReadS3TopicsOptions, object: ObjectKey): AsyncGenerator<SourceItem> {
  const where = `s3://${options.bucket}/${object.s3Key}`;
  let response: GetObjectCommandOutput;
  try {
    response = await options.client.send(new GetObjectCommand({ Bucket: options.bucket, Key: object.s3Key }));
  } catch (error) {
    throw new SourceError(`cannot read ${where}: ${describeError(error)}`);
  }
  const body = response.Body as AsyncIterable<Uint8Array> | undefined;
  if (body === undefined) return;
  const tally = { bytes: 0 };
  const raw = Readable.from(countedBytes(body, tally));
  let chunks: AsyncIterable<Buffer> = raw;
  if (object.compression === "gzip") {
    const gunzip = createGunzip();
    raw.on("error", (error) => gunzip.destroy(error));
    chunks = raw.pipe(gunzip);
  }
  const splitter = createLineSplitter({ maxLineBytes: options.maxLineBytes ?? 16 * 1024 * 1024 });
  try {
    for await (const chunk of chunks) {
      for (const item of splitter.push(chunk)) {
        const record = lineItem(object, item);
        if (record !== undefined) yield record;
      }
    }
  } catch (error) {
    throw new SourceError(`cannot read ${where}: ${describeError(error)}`);
  } finally {
    raw.destroy();
  }
  // A body cut short by the network must fail the run, not end the object early.
  if (response.ContentLength !== undefined && tally.bytes !== response.ContentLength) {
    throw new SourceError(`cannot read ${where}: got ${tally.bytes} of ${response.ContentLength} bytes`);
  }
  for (const item of splitter.end()) {
    const record = lineItem(object, item);
    if (record !== undefined) yield record;
  }
}

/**
 * Streams the records of the Kafka Connect S3 sink objects under `s3://bucket/prefix/`, in
 * Kafka order (topic, partition, start offset), parsing each line with `JSON.parse` as the local
 * reader does, so a batch from S3 and one from a local copy of the same objects read the same
 * values (`readS3Records` refuses records with a `__proto__` key, which the cleaners keep). Other
 * keys are skipped. Lines that hold no JSON come out as items with an error; an object that cannot
 * be read whole (request failure, body shorter than its length, broken gzip) throws.
 *
 * @throws {SourceError} when listing or reading an object fails.
 * @example
 * for await (const item of readS3Topics({ client, bucket: "raw", prefix: "feed" })) handle(item);
 */
export async function* readS3Topics(
  options: ReadS3TopicsOptions,
): AsyncGenerator<SourceItem, void, undefined> {
  const objects: ObjectKey[] = [];
  const listPrefix = options.prefix === "" ? "" : `${options.prefix}/`;
  try {
    for await (const object of listS3Objects({
      client: options.client,
      bucket: options.bucket,
      ...(listPrefix === "" ? {} : { prefix: listPrefix }),
    })) {
      const parsed = parseKafkaConnectKey(object.key);
      if (parsed.ok) objects.push({ ...parsed.value, s3Key: object.key });
    }
  } catch (error) {
    throw new SourceError(`cannot list s3://${options.bucket}/${listPrefix}: ${describeError(error)}`);
  }
  objects.sort(compareKafkaConnectKeys);
  for (const object of objects) yield* recordsOfObject(options, object);
}
