import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import {
  type KafkaConnectLayout,
  placeKafkaConnectRecord,
  validateKafkaConnectLayout,
} from "../local/planKafkaConnectObjects";
import { serializeRecordLine } from "../local/serializeRecordLine";
import { validateS3Key } from "./validateS3Key";

const gzip = promisify(gzipCallback);

/**
 * Options of {@link writeS3KafkaConnectLayout}.
 *
 * @example
 * ```ts
 * const options: WriteS3KafkaConnectLayoutOptions = {
 *   client, bucket: "raw", topicPrefix: "0a1b", table: "pin", records, partitions: 2, recordsPerObject: 500,
 * };
 * ```
 */
export interface WriteS3KafkaConnectLayoutOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix before `topics/` (no leading or trailing `/`); default none. */
  readonly keyPrefix?: string;
  /** The topic is `<topicPrefix>.<table>`, as in the original pipeline. */
  readonly topicPrefix: string;
  readonly table: SourceTable;
  readonly records: Iterable<unknown> | AsyncIterable<unknown>;
  /** Kafka partitions (≥ 1); records go round-robin. */
  readonly partitions: number;
  /** Records per object (Kafka Connect `flush.size`, ≥ 1). */
  readonly recordsPerObject: number;
  /** Gzip objects (`.json.gz`). Default false. */
  readonly gzip?: boolean;
  /** Records are already JSON text lines and are written as they are. */
  readonly serialized?: boolean;
  /** PutObject calls in flight at once (default 8). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/**
 * What {@link writeS3KafkaConnectLayout} wrote.
 *
 * @example
 * ```ts
 * const summary: S3KafkaConnectWriteSummary = { records: 120, objects: 6, keys: ["topics/a.pin/partition=0/a.pin+0+0000000000.json"] };
 * ```
 */
export interface S3KafkaConnectWriteSummary {
  readonly records: number;
  readonly objects: number;
  /** Keys written, in the order their PutObject calls started. */
  readonly keys: readonly string[];
}

/**
 * Writes records of one table to S3 exactly as the Kafka Connect S3 sink lays them out
 * (`[keyPrefix/]topics/<topicPrefix>.<table>/partition=<p>/<topic>+<p>+<10-digit offset>.json[.gz]`, one
 * JSON record per line), placing records with the same rule as the local writer, so local folders and
 * buckets hold the same objects. Streams: only the objects being filled (one per partition) and the
 * uploads in flight are in memory. Options are checked before anything is written; the first failed
 * upload stops the writing and is thrown.
 *
 * @example
 * ```ts
 * await writeS3KafkaConnectLayout({ client, bucket: "raw", topicPrefix: "0a1b", table: "geo", records: geos, partitions: 1, recordsPerObject: 100 });
 * ```
 */
export async function writeS3KafkaConnectLayout(
  options: WriteS3KafkaConnectLayoutOptions,
): Promise<S3KafkaConnectWriteSummary> {
  const layout: KafkaConnectLayout = {
    prefix: options.topicPrefix,
    table: options.table,
    partitions: options.partitions,
    recordsPerObject: options.recordsPerObject,
    gzip: options.gzip === true,
  };
  validateKafkaConnectLayout(layout);
  const keyPrefix = options.keyPrefix ?? "";
  if (keyPrefix !== "") validateS3Key(keyPrefix);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `writeS3KafkaConnectLayout: concurrency must be a positive integer, got ${String(concurrency)}`,
    );
  }
  const serialized = options.serialized === true;
  const { client, bucket, signal } = options;
  const filling = new Map<number, { key: string; lines: string[] }>();
  const inFlight = new Set<Promise<void>>();
  const keys: string[] = [];
  let failure: { error: unknown } | undefined;

  const upload = async (key: string, lines: readonly string[]): Promise<void> => {
    const text = `${lines.join("\n")}\n`;
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: layout.gzip ? await gzip(text) : text,
        ContentType: "application/json",
      }),
      signal === undefined ? {} : { abortSignal: signal },
    );
  };
  const flush = async (key: string, lines: readonly string[]): Promise<void> => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== undefined) throw failure.error;
    keys.push(key);
    const task: Promise<void> = upload(key, lines).then(
      () => {
        inFlight.delete(task);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= { error };
      },
    );
    inFlight.add(task);
  };

  let index = 0;
  try {
    for await (const record of options.records) {
      if (failure !== undefined) throw failure.error;
      signal?.throwIfAborted();
      const line = serializeRecordLine(record, index, serialized);
      const placement = placeKafkaConnectRecord(index, layout);
      const key = keyPrefix === "" ? placement.key : `${keyPrefix}/${placement.key}`;
      let object = filling.get(placement.partition);
      if (object === undefined) {
        object = { key, lines: [] };
        filling.set(placement.partition, object);
      }
      object.lines.push(line);
      index++;
      if (object.lines.length === layout.recordsPerObject) {
        filling.delete(placement.partition);
        await flush(object.key, object.lines);
      }
    }
    for (const object of filling.values()) await flush(object.key, object.lines);
  } finally {
    // Never leave uploads running behind the caller's back, even when failing.
    await Promise.all(inFlight);
  }
  if (failure !== undefined) throw failure.error;
  return { records: index, objects: keys.length, keys };
}
