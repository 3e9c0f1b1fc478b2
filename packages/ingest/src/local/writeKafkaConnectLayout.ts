import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import {
  type KafkaConnectLayout,
  placeKafkaConnectRecord,
  validateKafkaConnectLayout,
} from "./planKafkaConnectObjects";
import { serializeRecordLine } from "./serializeRecordLine";

const gzip = promisify(gzipCallback);

/** Options of {@link writeKafkaConnectLayout}. */
export interface WriteKafkaConnectLayoutOptions {
  /** Number of partitions (≥ 1), round-robin. */
  readonly partitions: number;
  /** Records per object (≥ 1). */
  readonly recordsPerObject: number;
  /** Gzip objects (`.json.gz`). Default false. */
  readonly gzip?: boolean;
  /** Records are already JSON text (e.g. from `generatePostLines`) and are written as they are. */
  readonly serialized?: boolean;
  /** Object writes in flight at once (file creation is I/O bound: parallel writes are much faster). Default 32. */
  readonly concurrency?: number;
}

/** What {@link writeKafkaConnectLayout} wrote. */
export interface KafkaConnectWriteSummary {
  readonly records: number;
  readonly objects: number;
}

/**
 * Writes records of one table under `dir` exactly as the Kafka Connect S3 sink lays them out
 * (`topics/<prefix>.<table>/partition=<p>/<prefix>.<table>+<p>+<10-digit start offset>.json[.gz]`,
 * one JSON record per line), following {@link placeKafkaConnectRecord}. Streams: only the objects
 * being filled (one per partition) and the writes in flight (`concurrency`) are held in memory.
 * Options are checked before anything is written; the first failed write rejects the promise.
 *
 * @example
 * const lines = [...generatePostLines({ seed: 1, count: 100 })].map((post) => post.pin);
 * await writeKafkaConnectLayout("/tmp/bucket", "demo", "pin", lines, { partitions: 2, recordsPerObject: 10, serialized: true });
 */
export async function writeKafkaConnectLayout(
  dir: string,
  prefix: string,
  table: SourceTable,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: WriteKafkaConnectLayoutOptions,
): Promise<KafkaConnectWriteSummary> {
  const layout: KafkaConnectLayout = {
    prefix,
    table,
    partitions: options.partitions,
    recordsPerObject: options.recordsPerObject,
    gzip: options.gzip === true,
  };
  validateKafkaConnectLayout(layout);
  const concurrency = options.concurrency ?? 32;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `writeKafkaConnectLayout: concurrency must be a positive integer, got ${String(concurrency)}`,
    );
  }
  const serialized = options.serialized === true;
  const filling = new Map<number, { key: string; lines: string[] }>();
  // One mkdir per folder, shared by the concurrent writes into it.
  const folders = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<void>>();
  let objects = 0;
  let failure: { readonly error: unknown } | undefined;

  const writeObject = async (key: string, lines: readonly string[]): Promise<void> => {
    const path = join(dir, key);
    const folder = dirname(path);
    let created = folders.get(folder);
    if (created === undefined) {
      created = mkdir(folder, { recursive: true });
      folders.set(folder, created);
    }
    await created;
    const text = `${lines.join("\n")}\n`;
    await writeFile(path, layout.gzip ? await gzip(text) : text);
  };
  const flush = async (key: string, lines: readonly string[]): Promise<void> => {
    objects++;
    const write = writeObject(key, lines).then(
      () => {
        inFlight.delete(write);
      },
      (error: unknown) => {
        inFlight.delete(write);
        failure ??= { error };
      },
    );
    inFlight.add(write);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== undefined) throw failure.error;
  };

  let index = 0;
  for await (const record of records) {
    const line = serializeRecordLine(record, index, serialized);
    const placement = placeKafkaConnectRecord(index, layout);
    let object = filling.get(placement.partition);
    if (object === undefined) {
      object = { key: placement.key, lines: [] };
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
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure.error;
  return { records: index, objects };
}
