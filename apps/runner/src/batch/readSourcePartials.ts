import { statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import type { RawTableName } from "@pinpipe/analytics";
import { ColumnarBuilder, type ColumnarPartial, type RejectedLine } from "@pinpipe/analytics/columnar";
import type { RecordPosition } from "@pinpipe/core";
import { getS3Object, listS3Objects } from "@pinpipe/ingest";
import type { TaskResult } from "../analyze/executeReadTask";
import { findInputFiles, InputFilesError } from "../analyze/findInputFiles";
import { PieceReader, SizeLimitError } from "../analyze/pieceReader";
import { DEFAULT_READ_PLAN_SIZES, planReadTasks } from "../analyze/planReadTasks";
import { builderOptionsOf, type ReadSettings } from "../analyze/readSettings";
import type { ReadWorkerPool } from "../analyze/readWorkerPool";
import { SMALL_INPUT_BYTES } from "../analyze/runAnalyze";
import { runReadTasks } from "../analyze/runReadTasks";
import { tableOfPath } from "../analyze/tableOfPath";
import type { StorageLocation } from "../output/index";
import { describeError } from "./describeError";
import { selectTopics, type TopicsLeftOut } from "./selectTopics";
import { SourceError } from "./sourceError";

/** One partial of a read, in read order, with where its rejected lines were read. */
export interface SourcePartial {
  /** The builder that made it (its dictionary). */
  readonly source: number;
  readonly partial: ColumnarPartial;
  readonly positionOf: (rejected: RejectedLine) => RecordPosition;
}

/** What a read found besides records. */
export interface SourceSummary {
  /** Record files (or objects) read. */
  readonly files: number;
  /** Their bytes (compressed size for gzipped ones). */
  readonly bytes: number;
  /** Record files whose table no path segment tells, with their bytes (not read). */
  readonly skipped: readonly { readonly file: string; readonly bytes: number }[];
  /** Files cut short by a size limit (their rest counted as one `too_long` rejection). */
  readonly cutShort: readonly { readonly file: string; readonly reason: string }[];
  /** What the topic filter ({@link ReadHow.topics}) left out; absent without one. */
  readonly leftOut?: TopicsLeftOut;
}

/** Where and on how many threads a source is read. */
export interface ReadHow {
  /** Worker threads for a large local source (1: this thread alone). */
  readonly threads: number;
  /** Starts (once) the workers that read a large local source. */
  readonly pool: () => ReadWorkerPool;
  /** The S3 client for an `s3://` source. */
  readonly s3Client?: (() => S3Client) | undefined;
  /** Local inputs smaller than this are read on this thread alone (default 64 MiB: workers cost more to start). */
  readonly workerInputBytes?: number | undefined;
  /**
   * Read only Kafka Connect objects of the topics this matches (`--topics-regex`, whole names);
   * other record files are left out too. Default: every record file.
   */
  readonly topics?: RegExp | undefined;
}

const RECORD_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;

/**
 * Reads a source with the job core's fast path and hands every partial over in read order (file
 * order, then line order), whatever thread read it, so what a job writes never depends on timing:
 * a local folder or file on the workers of `pool` (started only for inputs worth it; the partials
 * are taken in here) or on this thread alone, `s3://bucket/prefix` object
 * by object on the main thread (an object cut mid-body is downloaded again, up to 4 times). Files
 * and objects are those `pinpipe analyze` reads: `.json`, `.ndjson`, `.jsonl`, optionally `.gz`,
 * NDJSON, their table told by their path (`tableOfPath`).
 *
 * With `how.topics`, only the Kafka Connect objects of the topics it matches are read (see
 * `selectTopics`), and the summary says what was left out.
 *
 * @throws {SourceError} when the source does not exist, cannot be listed, or a file or object
 * cannot be read (a transient fault must fail the run, not drop data silently);
 * `NoTopicMatchError` when `how.topics` matches no topic of the source.
 * @example
 * const summary = await readSourcePartials({ kind: "local", path: "/data/raw" }, settings, { threads: 2, pool: () => pool }, (p) => sink.add(p.source, p.partial, p.positionOf));
 */
export async function readSourcePartials(
  location: StorageLocation,
  settings: ReadSettings,
  how: ReadHow,
  onPartial: (partial: SourcePartial) => void,
): Promise<SourceSummary> {
  const { threads, pool, s3Client } = how;
  if (location.kind === "s3") {
    if (s3Client === undefined) throw new SourceError("no S3 client to read an s3:// source");
    return readS3Partials(s3Client(), location.bucket, location.prefix, settings, how.topics, onPartial);
  }
  let found: ReturnType<typeof findInputFiles>;
  try {
    found = findInputFiles(location.path);
  } catch (error) {
    throw new SourceError(
      error instanceof InputFilesError
        ? `cannot read source ${error.message.replace(/^cannot read /, "")}`
        : describeError(error),
    );
  }
  let { files, unclassified } = found;
  let leftOut: TopicsLeftOut | undefined;
  if (how.topics !== undefined) {
    const listed = [
      ...files.map((file) => ({ name: file.name, file })),
      ...unclassified.map((name) => ({ name, file: undefined })),
    ];
    const selected = selectTopics(listed, (entry) => entry.name, how.topics, location.path);
    files = selected.kept.flatMap((entry) => (entry.file === undefined ? [] : [entry.file]));
    unclassified = selected.kept.flatMap((entry) => (entry.file === undefined ? [entry.name] : []));
    leftOut = selected.leftOut;
  }
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  // Small inputs are read here alone (starting workers costs more than it saves); otherwise
  // the pool's workers read (and encode row groups) and this thread takes the partials in.
  const alone = threads <= 1 || bytes < (how.workerInputBytes ?? SMALL_INPUT_BYTES);
  // Tasks of a fixed size whatever the threads: row groups gather whole partials, so the files'
  // bytes depend on task boundaries. Small tasks also bound the rows waiting to be taken in.
  const tasks = planReadTasks(files, {
    ...DEFAULT_READ_PLAN_SIZES,
    rangeBytes: TASK_BYTES,
    batchBytes: TASK_BYTES,
  });
  const lineBase = new Map<string, number>();
  const waiting = new Map<number, { source: number; result: TaskResult }>();
  const cutShort: { file: string; reason: string }[] = [];
  let next = 0;
  const deliver = (source: number, result: TaskResult) => {
    for (const error of result.errors) {
      if (!error.cutShort) throw new SourceError(`${error.file}: ${error.reason}`);
      cutShort.push({ file: error.file, reason: error.reason });
    }
    const task = tasks[result.taskId]!;
    const bases = task.pieces.map((piece, i) => {
      const base = lineBase.get(piece.name) ?? 0;
      lineBase.set(piece.name, base + result.lines[i]!);
      return base;
    });
    onPartial({
      source,
      partial: result.partial,
      positionOf: (rejected) => ({
        file: task.pieces[rejected.piece]!.name,
        line: bases[rejected.piece]! + rejected.line,
        byteOffset: rejected.byteOffset,
      }),
    });
  };
  const collect = (source: number, result: TaskResult) => {
    waiting.set(result.taskId, { source, result });
    for (let ready = waiting.get(next); ready !== undefined; ready = waiting.get(next)) {
      waiting.delete(next++);
      deliver(ready.source, ready.result);
    }
  };
  if (alone) await runReadTasks(tasks, 1, settings, collect);
  else await runReadTasks(tasks, threads, settings, collect, "until-workers-load", pool());
  const skipped = unclassified.map((file) => ({ file, bytes: sizeOf(join(location.path, file)) }));
  return { files: files.length, bytes, skipped, cutShort, ...(leftOut === undefined ? {} : { leftOut }) };
}

function sizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** Bytes of input per read task of a local source. */
const TASK_BYTES = 4 * 1024 * 1024;

/** Objects read into one partial: few enough that a partial stays a few megabytes. */
const OBJECTS_PER_PARTIAL = 4096;
const BYTES_PER_PARTIAL = 16 * 1024 * 1024;
const OBJECT_ATTEMPTS = 4;
/** An object is held whole while read: a bigger one fails the run with a clear message, not the process. */
const MAX_OBJECT_BYTES = 2 ** 31;

async function readS3Partials(
  client: S3Client,
  bucket: string,
  prefix: string,
  settings: ReadSettings,
  topics: RegExp | undefined,
  onPartial: (partial: SourcePartial) => void,
): Promise<SourceSummary> {
  let listed: { key: string; name: string; table: RawTableName | null; size: number; gzip: boolean }[] = [];
  const folder = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  try {
    for await (const object of listS3Objects({ client, bucket, prefix })) {
      const name = object.key.startsWith(folder) ? object.key.slice(folder.length) : object.key;
      const extension = RECORD_FILE.exec(name);
      if (extension === null) continue;
      const table = tableOfPath(name);
      listed.push({ key: object.key, name, table, size: object.size, gzip: extension[2] !== undefined });
    }
  } catch (error) {
    throw new SourceError(`cannot list s3://${bucket}/${prefix}: ${describeError(error)}`);
  }
  let leftOut: TopicsLeftOut | undefined;
  if (topics !== undefined) {
    const selected = selectTopics(listed, (object) => object.name, topics, `s3://${bucket}/${prefix}`);
    listed = selected.kept;
    leftOut = selected.leftOut;
  }
  const objects: { key: string; name: string; table: RawTableName; size: number; gzip: boolean }[] = [];
  const skipped: { file: string; bytes: number }[] = [];
  for (const object of listed) {
    if (object.table === null) skipped.push({ file: object.key, bytes: object.size });
    else objects.push({ ...object, table: object.table });
  }
  // Kafka Connect names objects <topic>+<partition>+<zero-padded offset>, so key order is record order.
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const builder = new ColumnarBuilder(builderOptionsOf(settings));
  const reader = new PieceReader(builder, settings.limits);
  const cutShort: { file: string; reason: string }[] = [];
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = () => {
    const keys = batch;
    batch = [];
    batchBytes = 0;
    onPartial({
      source: 0,
      partial: builder.takePartial(),
      positionOf: (rejected) => ({
        key: keys[rejected.piece]!,
        line: rejected.line,
        byteOffset: rejected.byteOffset,
      }),
    });
  };
  for (const object of objects) {
    const body = await downloadObject(client, bucket, object.key);
    builder.beginPiece(batch.length);
    batch.push(object.key);
    batchBytes += body.length;
    try {
      await reader.readBytes(object.table, body, object.gzip);
    } catch (error) {
      if (!(error instanceof SizeLimitError)) {
        throw new SourceError(`s3://${bucket}/${object.key}: ${describeError(error)}`);
      }
      cutShort.push({ file: object.key, reason: error.message });
    }
    if (batch.length >= OBJECTS_PER_PARTIAL || batchBytes >= BYTES_PER_PARTIAL) flush();
  }
  if (batch.length > 0) flush();
  return {
    files: objects.length,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
    skipped,
    cutShort,
    ...(leftOut === undefined ? {} : { leftOut }),
  };
}

/** The whole body of an object; a body cut mid-stream is fetched again (the SDK retries requests, not bodies). */
async function downloadObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getS3Object({ client, bucket, key, maxBytes: MAX_OBJECT_BYTES });
    } catch (error) {
      if (attempt >= OBJECT_ATTEMPTS) {
        throw new SourceError(
          `cannot read object s3://${bucket}/${key}: ${describeError(error)} (gave up after ${attempt} attempts)`,
        );
      }
      await sleep(Math.min(100 * 2 ** (attempt - 1), 2_000) * (0.5 + Math.random() / 2));
    }
  }
}
