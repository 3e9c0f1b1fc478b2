import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import {
  type CleanOptions,
  CountsTally,
  cleanerFor,
  keyLiteralIssue,
  REJECT_REASONS,
  type RejectReason,
  type TableCounts,
  type TableName,
} from "@pinpipe/clean";
import type { BatchManifest } from "@pinpipe/core";
import type { KinesisSourceItem } from "@pinpipe/ingest";
import { parquetReadObjects } from "hyparquet";
import { ProgressReporter } from "../../src/analyze/progressReporter";
import { type AnalyzeRun, runAnalyze } from "../../src/analyze/runAnalyze";
import { runBatch } from "../../src/batch/runBatch";
import { LocalOutputSink } from "../../src/output/index";
import { encodeShardBatch } from "../../src/stream/encodeShardBatch";
import type { StreamItem } from "../../src/stream/filterLongRecords";

export const TABLES: readonly TableName[] = ["pin", "geo", "user"];

/** Raw lines per table, each the exact bytes of one line (no newline). */
export type LinesByTable = { readonly [T in TableName]: readonly Uint8Array[] };

/** Query options of every job. */
export interface JobOptions {
  readonly dedupe: boolean;
  readonly median: "lower" | "exact";
  readonly ties: "all" | "first";
}

export const DEFAULT_JOB_OPTIONS: JobOptions = { dedupe: false, median: "lower", ties: "all" };

/** A rejected record as batch and stream write it (its position left out). */
export interface RejectedEntry {
  readonly reason: string;
  readonly raw: string | null;
  readonly rawEncoding: "text" | "base64" | null;
  readonly issues: readonly { field: string; value: unknown; rule: string }[];
}

/** What one job gave for one table: clean rows (normalized), counts and rejected records. */
export interface TableOutcome {
  readonly rows: Record<string, unknown>[];
  readonly counts: TableCounts;
}

const BLANK = /^[ \t\r\n]*$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A line holding only spaces, tabs, CR and LF: not a record in a file. */
export function isBlankLine(bytes: Uint8Array): boolean {
  return BLANK.test(Buffer.from(bytes).toString("latin1"));
}

/** `raw` and `rawEncoding` of a rejected record with these bytes. */
export function rawOfBytes(bytes: Uint8Array | null): Pick<RejectedEntry, "raw" | "rawEncoding"> {
  if (bytes === null) return { raw: null, rawEncoding: null };
  try {
    return { raw: strictUtf8.decode(bytes), rawEncoding: "text" };
  } catch {
    return { raw: Buffer.from(bytes).toString("base64"), rawEncoding: "base64" };
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A clean record or a Parquet row as plain JSON: integers as numbers, dates as epoch milliseconds,
 * lone surrogates as U+FFFD (UTF-8, hence Parquet, cannot hold them; every UTF-8 writer does this).
 */
export function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) {
    const value = row[key];
    out[key] =
      typeof value === "string"
        ? value.replace(LONE_SURROGATE, "\ufffd")
        : typeof value === "bigint"
          ? Number(value)
          : value instanceof Date
            ? value.getTime()
            : Array.isArray(value)
              ? value.map((v) => (typeof v === "bigint" ? Number(v) : v))
              : (value ?? null);
  }
  return out;
}

/** Rows as a sorted list of their JSON texts (a multiset: read order across partitions is not compared). */
export function rowMultiset(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(normalizeRow(row))).sort();
}

/**
 * What @pinpipe/clean makes of the lines, record by record, the plain way: blank lines skipped, a
 * line over `maxLineBytes` is `too_long`, bytes that are not UTF-8 or not JSON are `invalid_json`,
 * otherwise the table's cleaner (and `keyLiteralIssue` for a key that only rounds to an integer).
 */
export function referenceOutcome(
  table: TableName,
  lines: readonly Uint8Array[],
  maxLineBytes: number,
  clean?: CleanOptions | undefined,
): TableOutcome & { rejected: { reason: RejectReason; raw: string | null; rawEncoding: string | null }[] } {
  const tally = new CountsTally();
  const rows: Record<string, unknown>[] = [];
  const rejected: { reason: RejectReason; raw: string | null; rawEncoding: string | null }[] = [];
  const cleaner = cleanerFor(table);
  const reject = (reason: RejectReason, bytes: Uint8Array | null) =>
    rejected.push({ reason, ...rawOfBytes(bytes) });
  for (const bytes of lines) {
    if (isBlankLine(bytes)) continue;
    if (bytes.length > maxLineBytes) {
      tally.countRejected("too_long", "$");
      reject("too_long", null);
      continue;
    }
    let text: string;
    let raw: unknown;
    try {
      text = strictUtf8.decode(bytes);
      raw = JSON.parse(text);
    } catch {
      tally.countRejected("invalid_json", "$");
      reject("invalid_json", bytes);
      continue;
    }
    const result = cleaner(raw, clean);
    const keyIssue = result.ok ? keyLiteralIssue(table, text) : undefined;
    if (keyIssue !== undefined) {
      const hostile = result.issues.filter((issue) => issue.rule === "hostile_key");
      tally.countResult({ ok: false, issues: [...hostile, keyIssue] });
      reject("invalid_key", bytes);
    } else {
      tally.countResult(result);
      if (result.ok) rows.push(normalizeRow(result.value as unknown as Record<string, unknown>));
      else {
        const rejecting = result.issues.find((issue) => REJECT_REASONS.includes(issue.rule as RejectReason));
        reject((rejecting?.rule ?? "invalid_key") as RejectReason, bytes);
      }
    }
  }
  return { rows, counts: tally.counts(), rejected };
}

/** Writes each table's lines to `<dir>/<table>.ndjson` (newline after every line). */
export function writeSource(dir: string, lines: LinesByTable): void {
  mkdirSync(dir, { recursive: true });
  for (const table of TABLES) {
    const parts: Uint8Array[] = [];
    for (const line of lines[table]) parts.push(line, Buffer.from("\n"));
    writeFileSync(join(dir, `${table}.ndjson`), Buffer.concat(parts));
  }
}

/** runAnalyze on a folder, quietly. */
export function analyzeFolder(
  input: string,
  options: JobOptions & { threads: number; maxLineBytes: number; clean?: CleanOptions | undefined },
): Promise<AnalyzeRun> {
  return runAnalyze(
    {
      input,
      dedupe: options.dedupe,
      median: options.median,
      ties: options.ties,
      threads: options.threads,
      limits: { maxLineBytes: options.maxLineBytes, maxDecompressedBytes: 1024 ** 3 },
      clean: options.clean,
      // Small tasks, so that two threads share the files.
      ...(options.threads > 1 ? { sizes: { rangeBytes: 4096, batchBytes: 4096, batchFiles: 2 } } : {}),
    },
    (totals) => new ProgressReporter(new PassThrough(), false, totals),
  );
}

/** The Parquet files under `dir` (recursively), in path order. */
export function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".parquet"))
    .sort()
    .map((path) => join(dir, path));
}

async function parquetRows(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  return (await parquetReadObjects({ file })) as Record<string, unknown>[];
}

function rejectedEntries(text: string): RejectedEntry[] {
  if (text === "") return [];
  return text
    .slice(0, text.endsWith("\n") ? -1 : undefined)
    .split("\n")
    .map((line) => {
      const { reason, raw, rawEncoding, issues } = JSON.parse(line) as RejectedEntry;
      return { reason, raw, rawEncoding, issues };
    });
}

/** runBatch from a local folder into `out` (one thread), and what it wrote, read back. */
export async function batchFolder(
  source: string,
  out: string,
  runId: string,
  options: JobOptions & { maxLineBytes: number; clean?: CleanOptions | undefined },
): Promise<{
  manifest: BatchManifest;
  runDir: string;
  tables: Record<TableName, TableOutcome & { rejected: RejectedEntry[] }>;
}> {
  await runBatch({
    source: { kind: "local", path: source },
    out: new LocalOutputSink(out),
    runId,
    dedupe: options.dedupe,
    median: options.median,
    ties: options.ties,
    threads: 1,
    limits: { maxLineBytes: options.maxLineBytes, maxDecompressedBytes: 1024 ** 3 },
    clean: options.clean,
  });
  const runDir = join(out, "runs", runId);
  const manifest = JSON.parse(readFileSync(join(runDir, "manifest.json"), "utf8")) as BatchManifest;
  const tables = {} as Record<TableName, TableOutcome & { rejected: RejectedEntry[] }>;
  for (const table of TABLES) {
    const rows: Record<string, unknown>[] = [];
    for (const path of parquetFiles(join(runDir, "tables", table))) {
      rows.push(...(await parquetRows(readFileSync(path))).map(normalizeRow));
    }
    const rejectedPath = join(runDir, "rejected", `${table}.ndjson`);
    const rejected = existsSync(rejectedPath) ? rejectedEntries(readFileSync(rejectedPath, "utf8")) : [];
    tables[table] = { rows, counts: manifest.counts[table], rejected };
  }
  return { manifest, runDir, tables };
}

/**
 * The stream's clean step on one table: each non-blank line is one Kinesis user record's data (a
 * line over `maxRecordBytes` arrives as the item `filterLongRecords` makes of it), in micro-batches
 * of `batchSize`, counts summed across batches as the stream job does.
 */
export async function streamTable(
  table: TableName,
  lines: readonly Uint8Array[],
  maxRecordBytes: number,
  options: { batchSize: number; clean?: CleanOptions | undefined },
): Promise<TableOutcome & { rejected: RejectedEntry[] }> {
  const shardId = "shardId-000000000000";
  const items: StreamItem[] = [];
  for (const bytes of lines) {
    if (isBlankLine(bytes)) continue;
    const index = items.length;
    const base = {
      stream: `pinpipe-${table}`,
      shardId,
      sequenceNumber: String(49_000_000_000_000_000_000n + BigInt(index) * 10n),
      partitionKey: String(index),
      arrivalTime: new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + index * 1000),
    };
    if (bytes.length > maxRecordBytes) {
      items.push({
        ...base,
        tooLong: true,
        error: `record longer than the record limit: ${bytes.length} bytes`,
      });
    } else {
      let record: unknown = null;
      try {
        record = JSON.parse(strictUtf8.decode(bytes));
      } catch {
        // The reader hands out an error item with the bytes.
      }
      const item: KinesisSourceItem =
        record !== null && typeof record === "object" && !Array.isArray(record)
          ? { ...base, record: record as never, data: bytes }
          : { ...base, error: "not a JSON object", data: bytes };
      items.push(item);
    }
  }
  const tally = new CountsTally();
  const rows: Record<string, unknown>[] = [];
  const rejected: RejectedEntry[] = [];
  for (let start = 0; start < items.length; start += options.batchSize) {
    const { files, counts } = encodeShardBatch({
      table,
      shardId,
      items: items.slice(start, start + options.batchSize),
      clean: options.clean,
      aggregates: [],
    });
    const { late: _late, ...tableCounts } = counts;
    tally.add(tableCounts);
    for (const file of files) {
      if (file.path.endsWith(".parquet"))
        rows.push(...(await parquetRows(file.body as Uint8Array)).map(normalizeRow));
      else if (file.path.startsWith("stream/rejected/"))
        rejected.push(
          ...rejectedEntries(
            typeof file.body === "string" ? file.body : Buffer.from(file.body).toString("utf8"),
          ),
        );
    }
  }
  return { rows, counts: tally.counts(), rejected };
}
