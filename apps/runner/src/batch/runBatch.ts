import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { QUERY_NAMES, type QueryName, runQueries } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { type OutputSink, type StorageLocation, scopedOutputSink } from "../output/index";
import { cleanTableToParquet } from "../parquet/index";
import { analyticsTablesOf } from "./analyticsTablesOf";
import {
  BATCH_MANIFEST_FORMAT,
  type BatchManifest,
  type BatchRunOptions,
  type ManifestFile,
  manifestText,
} from "./batchManifest";
import type { BatchProgress } from "./batchProgress";
import { describeError } from "./describeError";
import { type PartitionedTable, partitionCleanTable } from "./partitionCleanTable";
import { readCleanTables } from "./readCleanTables";
import { readSourceRecords } from "./recordSource";
import { RESULT_COLUMNS, resultCsv, resultJson } from "./resultFiles";
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

const TABLES: readonly TableName[] = ["pin", "geo", "user"];
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
 * Runs one batch: reads and cleans the source, then (only once reading succeeded) replaces the
 * run folder `runs/<runId>/`: removes the manifest of an earlier attempt first (so the folder is
 * never taken as finished), then its other files, writes the Parquet tables, the rejected records,
 * the query results (JSON and CSV) and, last, `manifest.json`. The same input and options always
 * give byte-identical files.
 *
 * @throws {RangeError} for an unsafe run id; `SourceError` when the source cannot be read;
 * {@link NoRecordsError} when it holds no record; {@link OutputError} when the output cannot be
 * listed or written (anything written by then is left without a manifest).
 * @example
 * const manifest = await runBatch({ source: { kind: "local", path: "/data/raw" }, out: new LocalOutputSink("/data/out"), runId: "2026-11-23", dedupe: true, median: "lower", ties: "all" });
 * manifest.counts.pin.clean;
 */
export async function runBatch(job: BatchJob): Promise<BatchManifest> {
  const run = scopedOutputSink(job.out, `runs/${validateRunId(job.runId)}`);
  // Fail before the (long) read when the output cannot even be listed.
  await guarded(`list ${run.location}`, () => run.list(""));
  const limits = job.limits ?? DEFAULT_SOURCE_LIMITS;
  const tables = await readCleanTables(readSourceRecords(job.source, job.s3Client, limits), (counts) =>
    job.progress?.reading(counts),
  );
  const read = TABLES.reduce((sum, table) => sum + tables.accounts[table].counts().in, 0);
  const skipped = tables.skipped.reduce((sum, file) => sum + file.records, 0);
  if (read === 0) {
    const what = skipped > 0 ? ` of a pin, geo or user table (${skipped} records in other files)` : "";
    throw new NoRecordsError(`no records${what} in ${locationText(job.source)}`);
  }
  job.progress?.readDone({
    pin: tables.accounts.pin.counts().in,
    geo: tables.accounts.geo.counts().in,
    user: tables.accounts.user.counts().in,
  });

  await guarded(`clear ${run.location}`, async () => {
    const stale = await run.list("");
    if (stale.includes(MANIFEST)) await run.remove(MANIFEST);
    for (const path of stale) if (path !== MANIFEST) await run.remove(path);
  });

  const files: ManifestFile[] = [];
  const put = (path: string, body: Uint8Array, rows: number) =>
    guarded(`write ${run.location}/${path}`, async () => {
      await run.put(path, body);
      files.push({ path, rows, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex") });
    });

  const partitioned = {} as Record<TableName, PartitionedTable>;
  for (const table of TABLES) {
    const columns = tables.columns[table];
    const parts = partitionCleanTable(columns, job.dedupe);
    partitioned[table] = parts;
    tables.accounts[table].countDuplicates(parts.duplicates);
    for (const partition of parts.partitions) {
      const bytes = cleanTableToParquet(table, columns, { rows: partition.rows });
      await put(`tables/${table}/${partition.segment}/part-00000.parquet`, bytes, partition.rows.length);
    }
    const lines = tables.rejected[table];
    await put(
      `rejected/${table}.ndjson`,
      utf8.encode(lines.map((line) => `${line}\n`).join("")),
      lines.length,
    );
    const counts = tables.accounts[table].counts();
    job.progress?.line(
      `${table}: ${counts.clean.toLocaleString("en-US")} rows in ${parts.partitions.length} partitions, ${counts.rejected.toLocaleString("en-US")} rejected, ${counts.duplicates.toLocaleString("en-US")} duplicates`,
    );
  }
  await job.afterTables?.();

  const results = runQueries(
    analyticsTablesOf({
      columns: tables.columns,
      rows: { pin: partitioned.pin.rows, geo: partitioned.geo.rows, user: partitioned.user.rows },
    }),
    { median: job.median, ties: job.ties },
  );
  const resultEntries = {} as Record<QueryName, { json: string; csv: string; rows: number }>;
  for (const name of QUERY_NAMES) {
    const rows: readonly object[] = results[name];
    const entry = { json: `results/${name}.json`, csv: `results/${name}.csv`, rows: rows.length };
    await put(entry.json, utf8.encode(resultJson(rows)), rows.length);
    await put(
      entry.csv,
      utf8.encode(resultCsv(RESULT_COLUMNS[name] as readonly string[], rows)),
      rows.length,
    );
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
    },
    counts: {
      pin: tables.accounts.pin.counts(),
      geo: tables.accounts.geo.counts(),
      user: tables.accounts.user.counts(),
    },
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    results: resultEntries,
    skipped: tables.skipped,
  };
  await guarded(`write ${run.location}/${MANIFEST}`, () => run.put(MANIFEST, manifestText(manifest)));
  job.progress?.line(`wrote ${files.length + 1} files to ${run.location}`);
  return manifest;
}
