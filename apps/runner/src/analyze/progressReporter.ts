/** Totals a progress line is computed from. */
export interface ProgressTotals {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Reports reading progress on stderr: on a terminal one line redrawn at most ten times a second
 * (`files`, `MB`, `MB/s`) and erased at the end; elsewhere (logs, pipes) a plain line every
 * `intervalMs` (default 5 s), so short runs print none.
 *
 * @example
 * const progress = new ProgressReporter(process.stderr, true, { files: 120, bytes: 9e8 });
 * progress.advance(1, 16_777_216);
 * progress.finish();
 */
export class ProgressReporter {
  private files = 0;
  private bytes = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly interactive: boolean,
    private readonly totals: ProgressTotals,
    private readonly intervalMs = 5000,
  ) {
    this.lastDraw = this.started;
  }

  /** Counts finished files and bytes read. */
  advance(files: number, bytes: number): void {
    this.files += files;
    this.bytes += bytes;
    const now = Date.now();
    if (now - this.lastDraw < (this.interactive ? 100 : this.intervalMs)) return;
    this.lastDraw = now;
    if (this.interactive) {
      this.stderr.write(`\r\x1b[K${this.line(now)}`);
      this.drawn = true;
    } else {
      this.stderr.write(`${this.line(now)}\n`);
    }
  }

  /** Erases the redrawn line, if any. */
  finish(): void {
    if (this.drawn) this.stderr.write("\r\x1b[K");
    this.drawn = false;
  }

  private line(now: number): string {
    const mb = (n: number) => (n / 1e6).toFixed(1);
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const percent = this.totals.bytes > 0 ? Math.floor((this.bytes / this.totals.bytes) * 100) : 100;
    return `pinpipe analyze: ${this.files}/${this.totals.files} files, ${mb(this.bytes)}/${mb(this.totals.bytes)} MB (${percent}%), ${mb(this.bytes / seconds)} MB/s`;
  }
}
