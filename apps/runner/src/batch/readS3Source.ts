import type { S3Client } from "@aws-sdk/client-s3";
import { readS3Records, type S3Record } from "@pinpipe/ingest";
import { describeError } from "./describeError";
import { SourceError } from "./sourceError";
import type { SourceItem } from "./sourceItem";
import type { SourceLimits } from "./sourceLimits";

/**
 * Options of {@link readS3Source}.
 *
 * @example
 * const options: ReadS3SourceOptions = { client, bucket: "raw", prefix: "feed" };
 */
export interface ReadS3SourceOptions extends Partial<SourceLimits> {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix before `topics/` (`""` for the bucket's root). */
  readonly prefix: string;
}

function toSourceItem(bucket: string, item: S3Record): SourceItem {
  const { table, record, error, text, position } = item;
  if (error === undefined) return { table, record, position };
  // A transient fault that outlasted every attempt must fail the run, not drop the object's records.
  if (error.kind === "unreadable-object")
    throw new SourceError(`s3://${bucket}/${position.key}: ${error.reason}`);
  return {
    table,
    record,
    error: { reason: error.reason },
    ...(text === undefined ? {} : { text }),
    position,
  };
}

/**
 * Streams the records of the Kafka Connect S3 sink objects under `s3://bucket/prefix/` for a batch
 * run, through `readS3Records`: Kafka order (topic, partition, start offset), lines parsed as the
 * local reader does (so a batch from S3 and one from a local copy of the same objects read the same
 * values, `__proto__` keys included), bodies cut mid-stream read again, lines over `maxLineBytes`
 * and the rest of gzipped objects past `maxDecompressedBytes` rejected items (readers' defaults
 * when not given). Other keys are skipped. Bad lines come out as
 * items with an error and, when it held no JSON, the line's text.
 *
 * @throws {SourceError} when listing fails, or when an object still cannot be read whole after its
 * attempts (the message names the object's `s3://` URL).
 * @example
 * for await (const item of readS3Source({ client, bucket: "raw", prefix: "feed" })) handle(item);
 */
export async function* readS3Source(
  options: ReadS3SourceOptions,
): AsyncGenerator<SourceItem, void, undefined> {
  const { bucket } = options;
  const listPrefix = options.prefix === "" ? "" : `${options.prefix}/`;
  const records = readS3Records({
    client: options.client,
    bucket,
    ...(listPrefix === "" ? {} : { prefix: listPrefix }),
    unrecognizedKeys: "skip",
    ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
    ...(options.maxDecompressedBytes === undefined
      ? {}
      : { maxDecompressedBytes: options.maxDecompressedBytes }),
  });
  const iterator = records[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<S3Record>;
      try {
        next = await iterator.next();
      } catch (error) {
        // readS3Records reports bad data as items: only its listing rejects the iteration.
        throw new SourceError(`cannot list s3://${bucket}/${listPrefix}: ${describeError(error)}`);
      }
      if (next.done === true) return;
      yield toSourceItem(bucket, next.value);
    }
  } finally {
    await iterator.return?.();
  }
}
