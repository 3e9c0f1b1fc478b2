import { closeSync, createReadStream, openSync, readFileSync, readSync } from "node:fs";
import { createGunzip, gunzipSync } from "node:zlib";
import {
  type ColumnarBuilder,
  DEFAULT_MAX_LINE_BYTES,
  LineAssembler,
  type RawTableName,
} from "@pinpipe/analytics";
import type { ReadPiece } from "./planReadTasks";

const NEWLINE = 0x0a;
/**
 * Gzipped files inflating to at most this many bytes are inflated in one call; bigger ones
 * (gzip bombs included) are streamed. No bigger than the line limit, so every chunk the line
 * assembler sees is too, and every over-long line is caught.
 */
const GUNZIP_WHOLE_BYTES = DEFAULT_MAX_LINE_BYTES;

/**
 * A gzipped file that inflates past this many times its size (plus 64 MiB) is a gzip bomb, not
 * data (NDJSON compresses 5 to 20 times): reading stops there, so time stays bounded too.
 */
const MAX_INFLATION_RATIO = 100;
const INFLATION_ALLOWANCE = 64 * 1024 * 1024;

/**
 * Reads file pieces into a {@link ColumnarBuilder}: plain files in chunks through one reusable
 * buffer (a byte range reads exactly the lines that start inside it), gzipped files inflated whole
 * when small and streamed when big, and abandoned (as a read error) past 100 times their size.
 * Lines over 16 MiB are skipped and counted as `too_long`, so memory stays bounded by the buffer
 * and the line limit.
 *
 * @example
 * const reader = new PieceReader(builder);
 * await reader.read({ path: "x.ndjson.gz", name: "x.ndjson.gz", table: "pin", gzip: true, start: 0, end: -1 });
 */
export class PieceReader {
  private readonly buffer: Uint8Array;
  private readonly lines: LineAssembler;
  private table: RawTableName = "pin";

  constructor(builder: ColumnarBuilder, bufferBytes = 1024 * 1024) {
    // A fresh ArrayBuffer is 4-byte aligned, which lets the scanner read it word by word.
    this.buffer = new Uint8Array(bufferBytes);
    this.lines = new LineAssembler((bytes, start, end) => builder.addLines(this.table, bytes, start, end), {
      onTooLong: () => builder.addTooLongLine(this.table),
    });
  }

  /**
   * Reads one piece; a read error is thrown after the lines read so far were added. Plain files
   * are read synchronously (no promise per file: batches hold thousands of tiny objects); only
   * gzipped ones return a promise.
   */
  read(piece: ReadPiece): Promise<void> | undefined {
    this.table = piece.table;
    if (piece.gzip) return this.readGzip(piece.path).finally(() => this.lines.end());
    try {
      this.readRange(piece.path, piece.start, piece.end);
    } finally {
      this.lines.end();
    }
    return undefined;
  }

  private async readGzip(path: string): Promise<void> {
    const compressed = readFileSync(path);
    let inflated: Buffer | undefined;
    try {
      inflated = gunzipSync(compressed, { maxOutputLength: GUNZIP_WHOLE_BYTES });
    } catch (error) {
      // Too big to inflate at once: stream it below. Corrupt data fails the stream the same way.
      if (!(error instanceof RangeError)) throw error;
    }
    if (inflated !== undefined) {
      this.lines.push(inflated);
      return;
    }
    const limit = compressed.length * MAX_INFLATION_RATIO + INFLATION_ALLOWANCE;
    let inflatedBytes = 0;
    const gunzip = createReadStream(path).pipe(createGunzip());
    for await (const chunk of gunzip) {
      inflatedBytes += (chunk as Buffer).length;
      if (inflatedBytes > limit) {
        gunzip.destroy();
        throw new Error(
          `inflates past ${Math.round(limit / 1e6)} MB (over ${MAX_INFLATION_RATIO} times its size: a gzip bomb?); the rest is skipped`,
        );
      }
      this.lines.push(chunk as Buffer);
    }
  }

  /**
   * Reads the lines whose first byte lies in `[start, end)` (`end` -1: to the end of the file):
   * from `start - 1`, everything up to the first newline is skipped (that line belongs to the
   * previous range), and reading stops after the first newline at or past `end - 1`.
   */
  private readRange(path: string, start: number, end: number): void {
    const fd = openSync(path, "r");
    try {
      const buffer = this.buffer;
      let position = start > 0 ? start - 1 : 0;
      let skipping = start > 0;
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, position);
        if (read === 0) return;
        let from = 0;
        if (skipping) {
          const newline = buffer.indexOf(NEWLINE, 0);
          if (newline < 0 || newline >= read) {
            position += read;
            continue;
          }
          skipping = false;
          from = newline + 1;
          // The first line we own starts at or after the end: it belongs to the next range.
          if (end >= 0 && position + from >= end) return;
        }
        if (end >= 0 && position + read > end - 1) {
          const newline = buffer.indexOf(NEWLINE, Math.max(from, end - 1 - position));
          if (newline >= 0 && newline < read) {
            this.lines.push(buffer.subarray(from, newline + 1));
            return;
          }
        }
        this.lines.push(buffer.subarray(from, read));
        position += read;
      }
    } finally {
      closeSync(fd);
    }
  }
}
