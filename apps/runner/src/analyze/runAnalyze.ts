import { availableParallelism } from "node:os";
import { type QueryResults, runQueries } from "@pinpipe/analytics";
import { ColumnarMerger } from "@pinpipe/analytics/columnar";
import type { CleanOptions, CountsByTable } from "@pinpipe/clean";
import { CliError } from "../command";
import type { FileError, TaskResult } from "./executeReadTask";
import { findInputFiles, InputFilesError } from "./findInputFiles";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./pieceReader";
import { planReadTasks, type ReadPlanSizes, readPlanSizesFor } from "./planReadTasks";
import type { ProgressReporter, ProgressTotals } from "./progressReporter";
import { runReadTasks } from "./runReadTasks";

/** What `pinpipe analyze` was asked to do. */
export interface AnalyzeOptions {
  /** Folder (or single file) of raw records. */
  readonly input: string;
  readonly dedupe: boolean;
  readonly median: "lower" | "exact";
  readonly ties: "all" | "first";
  /**
   * Threads reading and cleaning, the main thread included (0 and 1: the main thread alone).
   * Default: the number of CPU cores, except for inputs under {@link SMALL_INPUT_BYTES}, read on
   * the main thread alone (starting workers would cost more than it saves).
   */
  readonly threads?: number | undefined;
  /** Longest line and most bytes a gzipped file may inflate to (default {@link DEFAULT_READ_LIMITS}). */
  readonly limits?: ReadLimits;
  /** The cleaning options (a clean config's placeholder lists). */
  readonly clean?: CleanOptions | undefined;
  /** Task sizes (tests shrink them to exercise ranges and batches on small inputs). */
  readonly sizes?: ReadPlanSizes;
}

/**
 * Inputs smaller than this are read on the main thread unless `threads` is given: each worker
 * first loads and compiles the CLI bundle (every command with its SDKs, about half a second of
 * CPU), in which time the main thread reads over 64 MB.
 *
 * @example
 * SMALL_INPUT_BYTES; // 67108864
 */
export const SMALL_INPUT_BYTES = 64 * 1024 * 1024;

/** The outcome of a run: the query results and the record and file accounting. */
export interface AnalyzeRun {
  readonly results: QueryResults;
  readonly accounting: CountsByTable;
  /** The options that shaped the results. */
  readonly options: {
    readonly dedupe: boolean;
    readonly median: "lower" | "exact";
    readonly ties: "all" | "first";
  };
  readonly files: number;
  readonly bytes: number;
  /** Files skipped because no table could be told from their path. */
  readonly unclassified: readonly string[];
  /** Files that could not be read to the end. */
  readonly fileErrors: readonly FileError[];
  /** Threads that read, the main thread included. */
  readonly threads: number;
  /** Seconds spent finding, reading, cleaning and merging. */
  readonly readSeconds: number;
  /** Seconds spent in the queries. */
  readonly querySeconds: number;
}

/**
 * Runs the analysis: finds the record files, reads them into columnar tables (on the main thread
 * and worker threads, each building partials that the main thread merges and, with `dedupe`,
 * deduplicates), then runs the eight queries. Bad lines are counted, never fatal.
 *
 * @throws {CliError} (exit code 2) when the input cannot be read or holds no record file.
 * @example
 * const run = await runAnalyze({ input: "./data", dedupe: false, median: "lower", ties: "all", threads: 2 }, (totals) => new ProgressReporter(process.stderr, false, totals));
 * run.results.q1;
 */
export async function runAnalyze(
  options: AnalyzeOptions,
  progressFor: (totals: ProgressTotals) => ProgressReporter,
): Promise<AnalyzeRun> {
  const started = performance.now();
  let found: ReturnType<typeof findInputFiles>;
  try {
    found = findInputFiles(options.input);
  } catch (error) {
    if (error instanceof InputFilesError) throw new CliError(`pinpipe analyze: ${error.message}`, 2);
    throw error;
  }
  const { files, unclassified } = found;
  if (files.length === 0) {
    throw new CliError(
      `pinpipe analyze: no record files (.json, .ndjson, .jsonl, optionally .gz) of a pin, geo or user table under ${options.input}`,
      2,
    );
  }
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const wanted = options.threads ?? (bytes < SMALL_INPUT_BYTES ? 1 : availableParallelism());
  const tasks = planReadTasks(files, options.sizes ?? readPlanSizesFor(bytes, wanted));
  const merger = new ColumnarMerger({ dedupe: options.dedupe });
  const fileErrors: FileError[] = [];
  const progress = progressFor({ files: files.length, bytes });
  const collect = (source: number, result: TaskResult) => {
    merger.add(source, result.partial);
    fileErrors.push(...result.errors);
    progress.advance(result.files, result.bytes);
  };
  const threads = Math.max(1, Math.min(wanted, tasks.length));
  try {
    await runReadTasks(
      tasks,
      threads,
      { dedupe: options.dedupe, limits: options.limits ?? DEFAULT_READ_LIMITS, clean: options.clean },
      collect,
    );
  } finally {
    progress.finish();
  }
  const read = performance.now();
  const results = runQueries(merger.tables(), { median: options.median, ties: options.ties });
  return {
    results,
    accounting: merger.accounting(),
    options: { dedupe: options.dedupe, median: options.median, ties: options.ties },
    files: files.length,
    bytes,
    unclassified,
    fileErrors,
    threads,
    readSeconds: (read - started) / 1000,
    querySeconds: (performance.now() - read) / 1000,
  };
}
