import { iterateEmulatorSteps } from "@pinpipe/ingest";
import type { EmulatorPost, EmulatorRows } from "./emulatorRows";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";
import { type EmulatorPacing, pacePosts } from "./pacePosts";

/**
 * Options of {@link runEmulate}.
 *
 * @example
 * const options: RunEmulateOptions = { seed: 100, count: 10, pacing: { sleep: "none" }, rows, sink };
 */
export interface RunEmulateOptions {
  /** `random.seed(seed)` of the original emulator: decides the rows and sleeps. */
  readonly seed: number;
  /** Posts to send; `undefined` runs until `signal` (the original loops forever). */
  readonly count: number | undefined;
  readonly pacing: EmulatorPacing;
  readonly rows: EmulatorRows;
  readonly sink: EmulatorSink;
  /** Stops after the posts already due are sent (the run still resolves with its summary). */
  readonly signal?: AbortSignal;
  /** Most posts per send (default 500: one PutRecords call per stream). */
  readonly maxPostsPerSend?: number;
  /** Called after every send with the totals so far. */
  readonly onSent?: (summary: EmulateSummary) => void;
}

/**
 * What {@link runEmulate} sent.
 *
 * @example
 * const summary: EmulateSummary = { posts: 3, records: { pin: 3, geo: 3, user: 3 }, missing: { pin: 0, geo: 0, user: 0 }, elapsedMs: 12, firstRows: [7528, 2863, 5730], sinkNote: "" };
 */
export interface EmulateSummary {
  readonly posts: number;
  /** Records sent per table. */
  readonly records: Readonly<Record<EmulatorTable, number>>;
  /** Posts whose row had no record in a table (row files only). */
  readonly missing: Readonly<Record<EmulatorTable, number>>;
  readonly elapsedMs: number;
  /** The first rows posted (up to 10), to compare with the original's sequence. */
  readonly firstRows: readonly number[];
  /** The sink's closing note (objects written, calls made). */
  readonly sinkNote: string;
}

const FIRST_ROWS_SHOWN = 10;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs the original posting emulator: the rows and sleeps of `random.seed(seed)` (CPython-exact),
 * each post's pin, geo and user records from `rows`, sent to `sink` at the pace asked for. Posts that
 * are due together (no sleep between them, or behind schedule) go in one send, up to
 * `maxPostsPerSend`, so an unpaced run is not one request per record.
 *
 * @throws whatever the sink throws (a failed PutRecords or object write ends the run).
 * @example
 * const summary = await runEmulate({ seed: 100, count: 3, pacing: { sleep: "none" }, rows, sink });
 * summary.firstRows; // [7528, 2863, 5730]
 */
export async function runEmulate(options: RunEmulateOptions): Promise<EmulateSummary> {
  const { count, rows, sink, signal } = options;
  const maxPostsPerSend = options.maxPostsPerSend ?? 500;
  if (count !== undefined && (!Number.isSafeInteger(count) || count < 0)) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const started = performance.now();
  const records: Record<EmulatorTable, number> = { pin: 0, geo: 0, user: 0 };
  const missing: Record<EmulatorTable, number> = { pin: 0, geo: 0, user: 0 };
  const firstRows: number[] = [];
  let posts = 0;
  let pending: EmulatorPost[] = [];

  const summary = (sinkNote: string): EmulateSummary => ({
    posts,
    records: { ...records },
    missing: { ...missing },
    elapsedMs: performance.now() - started,
    firstRows: [...firstRows],
    sinkNote,
  });
  const sendPending = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await sink.send(batch);
    for (const post of batch) {
      posts++;
      for (const table of EMULATOR_TABLES) {
        if (post[table] === undefined) missing[table]++;
        else records[table]++;
      }
    }
    options.onSent?.(summary(""));
  };

  for (const paced of pacePosts(iterateEmulatorSteps(options.seed), options.pacing)) {
    if (signal?.aborted || (count !== undefined && paced.index >= count)) break;
    let wait = started + paced.dueMs - performance.now();
    if (wait > 0) {
      await sendPending();
      wait = started + paced.dueMs - performance.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal?.aborted) break;
    }
    pending.push(rows.postAt(paced.step.row));
    if (firstRows.length < FIRST_ROWS_SHOWN) firstRows.push(paced.step.row);
    if (pending.length >= maxPostsPerSend) await sendPending();
  }
  await sendPending();
  return summary(await sink.close());
}
