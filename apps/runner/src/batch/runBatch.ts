import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import type { S3Client } from "@aws-sdk/client-s3";
import { QUERY_NAMES, QUERY_REGISTRY, type QueryName, runQueries } from "@pinpipe/analytics";
import type { CleanOptions } from "@pinpipe/clean";
import {
  BATCH_MANIFEST_FORMAT,
  type BatchManifest,
  type BatchRunOptions,
  CleanTablesSink,
  type ManifestFile,
  manifestText,
  type OutputFile,
  type PartitionedTableWriterOptions,
  resultCsv,
  resultJson,
} from "@pinpipe/core";
import { ReadWorkerPool } from "../analyze/readWorkerPool";
import { type OutputSink, type StorageLocation, scopedOutputSink } from "../output/index";
import type { BatchProgress } from "./batchProgress";
import { describeError } from "./describeError";
import { readSourcePartials } from "./readSourcePartials";
import { validateRunId } from "./runId";
import { DEFAULT_SOURCE_LIMITS, type SourceLimits } from "./sourceLimits";

/** What one batch run reads, writes and how. */
export interface BatchJob extends BatchRunOptions {
  readonly source: StorageLocation;
  /** The output root; the run goes to `runs/<runId>/` under it. */
  readonly out: OutputSink;
  readonly runId: string;
  /** The S3 client for an `s3://` source. */
  readonly s3Client?: () => S3Client;
  /** Longest line and most inflated bytes per gzipped file or object (default {@link DEFAULT_SOURCE_LIMITS}). */
  readonly limits?: SourceLimits;
  /** The cleaning options (placeholder overrides), recorded in the manifest. */
  readonly clean?: CleanOptions | undefined;
  /** Worker threads reading a large local source (default: the CPU cores). */
  readonly threads?: number | undefined;
  /** Local inputs smaller than this are read on this thread alone (default 64 MiB). */
  readonly workerInputBytes?: number | undefined;
  /** Read only the Kafka Connect objects of the topics this matches (`--topics-regex`); default every record file. */
  readonly topics?: RegExp | undefined;
  /** Row group and file sizes of the Parquet tables (defaults of `PartitionedTableWriter`). */
  readonly files?: PartitionedTableWriterOptions | undefined;
  readonly progress?: BatchProgress;
  /** Called once the tables and rejected records are written, before results and manifest (tests inject failures here). */
  readonly afterTables?: () => void | Promise<void>;
}

/**
 * Nothing to do: the source held no record (nothing was written).
 *
 * @example
 * if (error instanceof NoRecordsError) process.exitCode = 3;
 */
export class NoRecordsError extends Error {
  override readonly name = "NoRecordsError";
}

/**
 * Listing or writing the output failed; the message is one line for the user.
 *
 * @example
 * throw new OutputError("cannot write s3://lake/runs/x/manifest.json: AccessDenied");
 */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

const MANIFEST = "manifest.json";
const utf8 = new TextEncoder();

function locationText(location: StorageLocation): string {
  if (location.kind === "local") return location.path;
  return `s3://${location.bucket}${location.prefix === "" ? "" : `/${location.prefix}`}`;
}

async function guarded<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot ${what}: ${describeError(error)}`);
  }
}

/**
 * Runs one batch on the job core: reads the source on the fast path (in parallel, partials taken
 * in read order), cleans, counts and, with `dedupe`, deduplicates every record, streams the clean
 * rows into Hive-partitioned Parquet (row groups as they fill), then writes the rejected records,
 * the query results (JSON and CSV) and, last, `manifest.json`. The run folder `runs/<runId>/` is
 * cleared (manifest first, so it is never taken as finished) just before the first file is
 * written. The same input and options always give byte-identical files, whatever the threads.
 *
 * @throws {RangeError} for an unsafe run id; `SourceError` when the source cannot be read;
 * {@link NoRecordsError} when it holds no record; {@link OutputError} when the output cannot be
 * listed or written (anything written by then is left without a manifest).
 * @example
 * const manifest = await runBatch({ source: { kind: "local", path: "/data/raw" }, out: new LocalOutputSink("/data/out"), runId: "2026-11-23", dedupe: false, median: "lower", ties: "all" });
 * manifest.counts.pin.clean;
 */
export async function runBatch(job: BatchJob): Promise<BatchManifest> {
  const run = scopedOutputSink(job.out, `runs/${validateRunId(job.runId)}`);
  // Fail before the (long) read when the output cannot even be listed.
  await guarded(`list ${run.location}`, () => run.list(""));
  const limits = job.limits ?? DEFAULT_SOURCE_LIMITS;
  let cleared: Promise<void> | undefined;
  const clear = () =>
    (cleared ??= guarded(`clear ${run.location}`, async () => {
      const stale = await run.list("");
      if (stale.includes(MANIFEST)) await run.remove(MANIFEST);
      for (const path of stale) if (path !== MANIFEST) await run.remove(path);
    }));
  const files: ManifestFile[] = [];
  const put = async (path: string, body: Uint8Array, rows: number) => {
    await clear();
    await guarded(`write ${run.location}/${path}`, async () => {
      await run.put(path, body);
      files.push({ path, rows, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex") });
    });
  };
  // Files are written in the order they finish, one at a time, while reading goes on.
  let writes: Promise<void> = Promise.resolve();
  let writeFailure: unknown;
  const store = (file: OutputFile) => {
    writes = writes
      .then(() => (writeFailure === undefined ? put(file.path, file.bytes, file.rows) : undefined))
      .catch((error: unknown) => {
        writeFailure ??= error;
      });
  };

  const threads = Math.max(1, job.threads ?? availableParallelism());
  const settings = { dedupe: job.dedupe, limits, fullRows: true, clean: job.clean };
  // Worker threads read a large local source; row groups are encoded here (encoding them on the
  // workers was measured: no faster on 2 cores, and ~60 MB more memory at 1M posts).
  let pool: ReadWorkerPool | undefined;
  const sink = new CleanTablesSink({
    dedupe: job.dedupe,
    ...(job.files === undefined ? {} : { files: job.files }),
    onFile: store,
  });
  let outcome: Awaited<ReturnType<CleanTablesSink["finish"]>>;
  let summary: Awaited<ReturnType<typeof readSourcePartials>>;
  try {
    summary = await readSourcePartials(
      job.source,
      settings,
      {
        threads,
        pool: () => (pool ??= new ReadWorkerPool(threads, settings)),
        s3Client: job.s3Client,
        workerInputBytes: job.workerInputBytes,
        topics: job.topics,
      },
      (partial) => {
        sink.add(partial.source, partial.partial, partial.positionOf);
        job.progress?.reading(sink.recordsRead());
      },
    );
    outcome = await sink.finish();
  } catch (error) {
    pool?.stop();
    throw error;
  }
  await pool?.close();
  const { counts } = outcome;
  const read = counts.pin.in + counts.geo.in + counts.user.in;
  if (read === 0) {
    await writes;
    const what =
      summary.skipped.length > 0
        ? ` of a pin, geo or user table (${summary.skipped.length} other files)`
        : "";
    throw new NoRecordsError(`no records${what} in ${locationText(job.source)}`);
  }
  job.progress?.readDone(sink.recordsRead());
  if (summary.leftOut !== undefined) {
    const { topics, files: leftFiles, otherFiles } = summary.leftOut;
    job.progress?.line(
      `--topics-regex: ${summary.files} files read; left out ${leftFiles} files of ${topics.length} other topics${topics.length > 0 ? ` (${topics.slice(0, 20).join(", ")}${topics.length > 20 ? ", …" : ""})` : ""} and ${otherFiles} record files of no topic`,
    );
  }
  for (const file of outcome.files) store(file);
  await writes;
  if (writeFailure !== undefined) throw writeFailure;
  for (const table of ["pin", "geo", "user"] as const) {
    const tableCounts = counts[table];
    const parquetFiles = files.filter((file) => file.path.startsWith(`tables/${table}/`)).length;
    job.progress?.line(
      `${table}: ${tableCounts.clean.toLocaleString("en-US")} rows in ${parquetFiles} files, ${tableCounts.rejected.toLocaleString("en-US")} rejected, ${tableCounts.duplicates.toLocaleString("en-US")} duplicates${job.dedupe ? " dropped" : " (kept: dedupe off)"}`,
    );
  }
  await job.afterTables?.();

  const results = runQueries(outcome.tables, { median: job.median, ties: job.ties });
  const resultEntries = {} as Record<QueryName, { json: string; csv: string; rows: number }>;
  for (const name of QUERY_NAMES) {
    const rows: readonly object[] = results[name];
    const entry = { json: `results/${name}.json`, csv: `results/${name}.csv`, rows: rows.length };
    await put(entry.json, utf8.encode(resultJson(rows)), rows.length);
    await put(entry.csv, utf8.encode(resultCsv(QUERY_REGISTRY[name].columns, rows)), rows.length);
    resultEntries[name] = entry;
  }

  const manifest: BatchManifest = {
    format: BATCH_MANIFEST_FORMAT,
    runId: job.runId,
    source: locationText(job.source),
    options: {
      dedupe: job.dedupe,
      median: job.median,
      ties: job.ties,
      maxLineBytes: limits.maxLineBytes,
      maxDecompressedBytes: limits.maxDecompressedBytes,
      ...(job.clean?.placeholders === undefined ? {} : { placeholders: job.clean.placeholders }),
    },
    counts,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    results: resultEntries,
    skipped: summary.skipped,
  };
  await guarded(`write ${run.location}/${MANIFEST}`, () => run.put(MANIFEST, manifestText(manifest)));
  job.progress?.line(`wrote ${files.length + 1} files to ${run.location}`);
  return manifest;
}
