/**
 * Receives a run of complete lines `bytes[start, end)`, separated by `\n`, the last one without;
 * `offset` is where `bytes[start]` lies in the stream (plus the stream's base, see
 * `LineAssembler.begin`).
 */
export type LinesSink = (bytes: Uint8Array, start: number, end: number, offset: number) => void;

/**
 * Default longest line kept: longer lines are skipped as they stream, so memory stays bounded.
 *
 * @example
 * DEFAULT_MAX_LINE_BYTES; // 16777216
 */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Options of a {@link LineAssembler}. */
export interface LineAssemblerOptions {
  /** A line cut by a chunk boundary that grows past this is skipped (default 16 MiB). */
  readonly maxLineBytes?: number;
  /** Called once per skipped line, with the stream offset of its first byte. */
  readonly onTooLong?: (offset: number) => void;
}

/**
 * Cuts a stream of byte chunks (a file read piece by piece, a gunzip stream) into complete lines
 * for a {@link LinesSink}, without copying the lines that lie inside one chunk: only a line cut
 * by a chunk boundary is gathered in a carry buffer. A UTF-8 byte order mark at the start of the
 * stream is dropped. A line longer than `maxLineBytes` is skipped and reported to `onTooLong`
 * (with chunks no bigger than that, every longer line crosses a boundary), so memory stays
 * bounded whatever the input.
 *
 * @example
 * const lines = new LineAssembler((bytes, start, end) => builder.addLines("pin", bytes, start, end));
 * lines.push(firstChunk);
 * lines.push(secondChunk);
 * lines.end();
 */
export class LineAssembler {
  private carry = new Uint8Array(64 * 1024);
  private carryLength = 0;
  private atStart = true;
  /** Skipping the rest of a too-long line until its newline. */
  private skipping = false;
  private readonly maxLineBytes: number;
  private readonly onTooLong: (offset: number) => void;
  /** Stream offset of the next chunk's first byte. */
  private pushed = 0;
  /** Stream offset of the carried line's first byte. */
  private carryStart = 0;

  constructor(
    private readonly sink: LinesSink,
    options: LineAssemblerOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.onTooLong = options.onTooLong ?? (() => {});
  }

  /** Whether the assembler is skipping the rest of a line already reported as too long. */
  get skippingLongLine(): boolean {
    return this.skipping;
  }

  /** Starts a stream whose first byte lies at `offset` (in a file read from the middle, say). */
  begin(offset: number): void {
    this.pushed = offset;
    // A byte order mark is dropped only at the very start of a file.
    if (offset > 0) this.atStart = false;
  }

  /** Feeds the next chunk of the stream. */
  push(chunk: Uint8Array): void {
    const chunkOffset = this.pushed;
    this.pushed += chunk.length;
    let start = 0;
    if (this.skipping || this.carryLength > 0) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline < 0) {
        this.append(chunk, start, chunk.length, chunkOffset);
        return;
      }
      this.append(chunk, start, newline, chunkOffset);
      if (this.skipping) this.skipping = false;
      else this.emit(this.carry, 0, this.carryLength, this.carryStart);
      this.carryLength = 0;
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last >= start) {
      this.emit(chunk, start, last, chunkOffset + start);
      start = last + 1;
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length, chunkOffset);
  }

  /** Ends the stream: a last line without a newline is emitted; the assembler can start a new stream. */
  end(): void {
    if (this.carryLength > 0) this.emit(this.carry, 0, this.carryLength, this.carryStart);
    this.carryLength = 0;
    this.skipping = false;
    this.atStart = true;
    this.pushed = 0;
  }

  /** Passes lines on, dropping a byte order mark at the very start of the stream. */
  private emit(bytes: Uint8Array, start: number, end: number, offset: number): void {
    if (this.atStart) {
      this.atStart = false;
      if (
        end - start >= 3 &&
        bytes[start] === 0xef &&
        bytes[start + 1] === 0xbb &&
        bytes[start + 2] === 0xbf
      ) {
        start += 3;
        offset += 3;
      }
    }
    this.sink(bytes, start, end, offset);
  }

  private append(chunk: Uint8Array, start: number, end: number, chunkOffset: number): void {
    if (this.skipping) return;
    if (this.carryLength === 0) this.carryStart = chunkOffset + start;
    const needed = this.carryLength + (end - start);
    if (needed > this.maxLineBytes) {
      this.skipping = true;
      this.carryLength = 0;
      // The stream's first line is now past its byte order mark, if it had one.
      this.atStart = false;
      this.onTooLong(this.carryStart);
      return;
    }
    if (needed > this.carry.length) {
      const next = new Uint8Array(Math.max(needed, this.carry.length * 2));
      next.set(this.carry.subarray(0, this.carryLength));
      this.carry = next;
    }
    this.carry.set(chunk.subarray(start, end), this.carryLength);
    this.carryLength = needed;
  }
}
