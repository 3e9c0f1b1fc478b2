import type { TableName } from "@pinpipe/clean";
import { ProgressLine } from "../stream/progressLine";

/** Records read so far per table, for progress lines. */
export type ReadCounts = { readonly [T in TableName]: number };

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * Progress of a batch run on stderr: while reading, a line with records read per table and the
 * rate (redrawn on a terminal, a plain line every 5 s otherwise); then one line per phase.
 *
 * @example
 * const progress = new BatchProgress(process.stderr, process.stderr.isTTY === true);
 * progress.reading({ pin: 4096, geo: 0, user: 0 });
 * progress.line("pin: 4,000 rows in 11 partitions");
 */
export class BatchProgress {
  private readonly progress: ProgressLine;
  private readonly started = performance.now();

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    interactive: boolean,
  ) {
    this.progress = new ProgressLine(stderr, interactive);
  }

  /** Records read so far, per table. */
  reading(counts: Readonly<ReadCounts>): void {
    this.progress.show(() => `pinpipe batch: reading ${this.describe(counts)}`);
  }

  /** Ends the reading line with a summary. */
  readDone(counts: Readonly<ReadCounts>): void {
    this.progress.finish();
    this.stderr.write(`pinpipe batch: read ${this.describe(counts)}\n`);
  }

  /** A phase line (`pin: … rows in … partitions`). */
  line(text: string): void {
    this.progress.finish();
    this.stderr.write(`pinpipe batch: ${text}\n`);
  }

  /** Erases a redrawn line, if any (before an error line is printed). */
  finish(): void {
    this.progress.finish();
  }

  private describe(counts: Readonly<ReadCounts>): string {
    const tables = (["pin", "geo", "user"] as const satisfies readonly TableName[]).map(
      (table) => `${table} ${count(counts[table])}`,
    );
    const total = counts.pin + counts.geo + counts.user;
    const seconds = Math.max((performance.now() - this.started) / 1000, 0.001);
    return `${tables.join(", ")} records (${count(Math.round(total / seconds))} records/s)`;
  }
}
