import type { RawTableName } from "@pinpipe/analytics";
import type { InputFile } from "./findInputFiles";

/** A piece of one file to read: a byte range of a plain file, or a whole (possibly gzipped) file. */
export interface ReadPiece {
  readonly path: string;
  readonly name: string;
  readonly table: RawTableName;
  readonly gzip: boolean;
  /** First byte of the range; lines starting before it belong to the previous piece. */
  readonly start: number;
  /** End of the range (exclusive), or -1 for the end of the file; a line crossing it is read whole. */
  readonly end: number;
}

/** One unit of work for a reader: some pieces, of about {@link ReadTask.bytes} bytes on disk. */
export interface ReadTask {
  readonly id: number;
  readonly pieces: readonly ReadPiece[];
  readonly bytes: number;
}

/** Sizes that shape the plan. */
export interface ReadPlanSizes {
  /** Plain files bigger than this are cut into ranges of this size, read in parallel. */
  readonly rangeBytes: number;
  /** Small files are batched into tasks of up to this many bytes… */
  readonly batchBytes: number;
  /** …and up to this many files, so one task never holds a huge file list. */
  readonly batchFiles: number;
}

/**
 * Default sizes: 16 MiB ranges and batches keep both cores busy to the end of a 1 GB input while a
 * task's partial stays a few MB; 4096 files per batch amortises per-task messaging over tens of
 * thousands of one-record objects.
 *
 * @example
 * planReadTasks(files, DEFAULT_READ_PLAN_SIZES);
 */
export const DEFAULT_READ_PLAN_SIZES: ReadPlanSizes = Object.freeze({
  rangeBytes: 16 * 1024 * 1024,
  batchBytes: 16 * 1024 * 1024,
  batchFiles: 4096,
});

/** Tasks are not made smaller than this: below it, messaging costs more than reading. */
const MIN_TASK_BYTES = 64 * 1024;
/** Tasks per worker to aim for, so threads that finish early find more work. */
const TASKS_PER_WORKER = 4;

/**
 * Task sizes for an input of `totalBytes` read by `workers` threads: the defaults, shrunk so that
 * each worker gets several tasks (a small input is still spread over every worker).
 *
 * @example
 * readPlanSizesFor(100_000_000, 2).rangeBytes; // 12500000 (eight tasks of about 12.5 MB)
 */
export function readPlanSizesFor(totalBytes: number, workers: number): ReadPlanSizes {
  const target = Math.ceil(totalBytes / (Math.max(workers, 1) * TASKS_PER_WORKER));
  const bytes = Math.min(DEFAULT_READ_PLAN_SIZES.rangeBytes, Math.max(MIN_TASK_BYTES, target));
  return { ...DEFAULT_READ_PLAN_SIZES, rangeBytes: bytes, batchBytes: bytes };
}

/**
 * Cuts the input into read tasks: each big plain file into byte ranges (lines are assigned to the
 * range their first byte lies in, so ranges can be read independently), small files and gzipped
 * files (which cannot be cut) whole, batched in input order. Every byte of every file is in exactly
 * one task.
 *
 * @example
 * planReadTasks([{ path: "a.ndjson", name: "a.ndjson", table: "pin", gzip: false, bytes: 40e6 }], DEFAULT_READ_PLAN_SIZES);
 * // three tasks: [0, 16 MiB), [16 MiB, 32 MiB), [32 MiB, end)
 */
export function planReadTasks(files: readonly InputFile[], sizes: ReadPlanSizes): ReadTask[] {
  const tasks: ReadTask[] = [];
  let batch: ReadPiece[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    tasks.push({ id: tasks.length, pieces: batch, bytes: batchBytes });
    batch = [];
    batchBytes = 0;
  };
  for (const file of files) {
    const whole: ReadPiece = {
      path: file.path,
      name: file.name,
      table: file.table,
      gzip: file.gzip,
      start: 0,
      end: -1,
    };
    if (file.gzip || file.bytes <= sizes.rangeBytes) {
      if (batchBytes + file.bytes > sizes.batchBytes || batch.length >= sizes.batchFiles) flush();
      batch.push(whole);
      batchBytes += file.bytes;
      continue;
    }
    flush();
    for (let start = 0; start < file.bytes; start += sizes.rangeBytes) {
      const end = start + sizes.rangeBytes >= file.bytes ? -1 : start + sizes.rangeBytes;
      const bytes = (end < 0 ? file.bytes : end) - start;
      tasks.push({ id: tasks.length, pieces: [{ ...whole, start, end }], bytes });
    }
  }
  flush();
  return tasks;
}
