/**
 * Writes progress lines to stderr: on a terminal one line redrawn at most ten times a second and
 * erased by `finish`; elsewhere (logs, pipes) a plain line at most every `intervalMs` (default 5 s),
 * so short runs print none.
 *
 * @example
 * const progress = new ProgressLine(process.stderr, false);
 * progress.show(() => `emulate: ${posts} posts sent`);
 * progress.finish();
 */
export class ProgressLine {
  private lastShown: number;
  private drawn = false;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly interactive: boolean,
    private readonly intervalMs = 5_000,
  ) {
    this.lastShown = Date.now();
  }

  /** Shows the line `text()` builds, unless one was shown too recently (then `text` is not called). */
  show(text: () => string): void {
    const now = Date.now();
    if (now - this.lastShown < (this.interactive ? 100 : this.intervalMs)) return;
    this.lastShown = now;
    if (this.interactive) {
      this.stderr.write(`\r\x1b[K${text()}`);
      this.drawn = true;
    } else {
      this.stderr.write(`${text()}\n`);
    }
  }

  /** Erases the redrawn line, if any, so a summary can follow. */
  finish(): void {
    if (this.drawn) this.stderr.write("\r\x1b[K");
    this.drawn = false;
  }
}
