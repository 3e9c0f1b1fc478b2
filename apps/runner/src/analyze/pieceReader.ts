import { closeSync, createReadStream, openSync, readFileSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import type { RawTableName } from "@pinpipe/analytics";
import { type ColumnarBuilder, DEFAULT_MAX_LINE_BYTES, LineAssembler } from "@pinpipe/analytics/columnar";
import { formatByteSize } from "../parseByteSize";
import type { ReadPiece } from "./planReadTasks";

const NEWLINE = 0x0a;
/**
 * Gzipped files inflating to at most this many bytes are inflated in one call; bigger ones
 * (gzip bombs included) are streamed, so one file never holds more than this in memory at once.
 */
const GUNZIP_WHOLE_BYTES = 16 * 1024 * 1024;

/**
 * A gzipped file that inflates past this many times its size (plus 64 MiB) is a gzip bomb, not
 * data (NDJSON compresses 5 to 20 times): reading stops there, so time stays bounded too.
 */
const MAX_INFLATION_RATIO = 100;
const INFLATION_ALLOWANCE = 64 * 1024 * 1024;

/**
 * How much of the input a reader keeps: the longest line, and the most bytes one gzipped file
 * may inflate to.
 *
 * @example
 * const limits: ReadLimits = { maxLineBytes: 1024, maxDecompressedBytes: 1024 ** 3 };
 */
export interface ReadLimits {
  /** Longer lines are skipped and counted as `too_long` rejections. */
  readonly maxLineBytes: number;
  /** Past this, the rest of a gzipped file is skipped and counted as one `too_long` rejection. */
  readonly maxDecompressedBytes: number;
}

/**
 * The limits `pinpipe analyze` reads with unless told otherwise: 16 MiB lines (as the columnar
 * line assembler) and 1 GiB per gzipped file (as `readLocalRecords`, so batch and analyze count
 * the same input alike).
 *
 * @example
 * DEFAULT_READ_LIMITS.maxLineBytes; // 16777216
 */
export const DEFAULT_READ_LIMITS: ReadLimits = Object.freeze({
  maxLineBytes: DEFAULT_MAX_LINE_BYTES,
  maxDecompressedBytes: 1024 * 1024 * 1024,
});

/**
 * A file cut short by a size limit (the decompressed-size limit, a gzip bomb's inflation ratio):
 * what was read is kept and the rest counted, so a job goes on; other read errors (a file that
 * cannot be opened, corrupt gzip) mean data could not be read.
 *
 * @example
 * if (error instanceof SizeLimitError) counted.push(error.message);
 */
export class SizeLimitError extends Error {
  override readonly name = "SizeLimitError";
}

/** Options of a {@link PieceReader}. */
export interface PieceReaderOptions extends Partial<ReadLimits> {
  /** Size of the reusable read buffer of plain files (default 1 MiB; tests shrink it). */
  readonly bufferBytes?: number;
}

/**
 * Reads file pieces into a {@link ColumnarBuilder}: plain files in chunks through one reusable
 * buffer (a byte range reads exactly the lines that start inside it), gzipped files inflated whole
 * when small and streamed when big. Lines over `maxLineBytes` are skipped and counted as
 * `too_long`; a gzipped file inflating past `maxDecompressedBytes` is cut there (its lines read so
 * far kept, the rest counted as one `too_long` rejection and reported as a read error), and one
 * inflating past 100 times its size is abandoned as a read error. Memory stays bounded by the
 * buffer and the line limit.
 *
 * @example
 * const reader = new PieceReader(builder, { maxLineBytes: 1024 });
 * await reader.read({ path: "x.ndjson.gz", name: "x.ndjson.gz", table: "pin", gzip: true, start: 0, end: -1 });
 */
export class PieceReader {
  private readonly buffer: Uint8Array;
  private readonly lines: LineAssembler;
  private readonly maxLineBytes: number;
  private readonly maxDecompressedBytes: number;
  private table: RawTableName = "pin";
  /** Set while ending a file cut at the decompressed-size limit: its partial last line is dropped. */
  private dropping = false;

  constructor(
    private readonly builder: ColumnarBuilder,
    options: PieceReaderOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_READ_LIMITS.maxLineBytes;
    this.maxDecompressedBytes = options.maxDecompressedBytes ?? DEFAULT_READ_LIMITS.maxDecompressedBytes;
    // A fresh ArrayBuffer is 4-byte aligned, which lets the scanner read it word by word.
    this.buffer = new Uint8Array(options.bufferBytes ?? 1024 * 1024);
    this.lines = new LineAssembler(
      (bytes, start, end, offset) => {
        if (!this.dropping) builder.addLines(this.table, bytes, start, end, offset);
      },
      { maxLineBytes: this.maxLineBytes, onTooLong: (offset) => builder.addTooLongLine(this.table, offset) },
    );
  }

  /**
   * Reads one piece; a read error is thrown after the lines read so far were added. Plain files
   * are read synchronously (no promise per file: batches hold thousands of tiny objects); only
   * gzipped ones return a promise.
   */
  read(piece: ReadPiece): Promise<void> | undefined {
    this.table = piece.table;
    if (piece.gzip) return this.readGzip(piece.path).finally(() => this.endFile());
    try {
      this.readRange(piece.path, piece.start, piece.end);
    } finally {
      this.endFile();
    }
    return undefined;
  }

  private endFile(): void {
    this.lines.end();
    this.dropping = false;
  }

  /**
   * Feeds bytes to the line assembler in pieces no longer than the line limit: it only measures
   * lines that cross a chunk boundary, so with such pieces every over-long line is caught.
   */
  private push(bytes: Uint8Array): void {
    if (bytes.length <= this.maxLineBytes) {
      this.lines.push(bytes);
      return;
    }
    for (let from = 0; from < bytes.length; from += this.maxLineBytes) {
      this.lines.push(bytes.subarray(from, from + this.maxLineBytes));
    }
  }

  /**
   * Keeps the part of a chunk within the decompressed-size limit, drops the line it cuts and counts
   * the rest of the file as one `too_long` rejection.
   */
  private cutAtLimit(chunk: Uint8Array, room: number): Error {
    this.push(chunk.subarray(0, room));
    this.dropping = true;
    const reason = `inflates past the decompressed-size limit (${formatByteSize(this.maxDecompressedBytes)})`;
    this.countTruncatedRest(this.maxDecompressedBytes, reason);
    return new SizeLimitError(`${reason}; the rest is skipped, counted as one too_long rejection`);
  }

  /**
   * Reads a whole file given as bytes (an object downloaded from S3, say): plain bytes line by
   * line, gzipped ones inflated within the same limits as files.
   */
  readBytes(table: RawTableName, bytes: Uint8Array, gzip: boolean): Promise<void> | undefined {
    this.table = table;
    if (gzip) return this.readGzip(bytes).finally(() => this.endFile());
    try {
      this.push(bytes);
    } finally {
      this.endFile();
    }
    return undefined;
  }

  /**
   * Counts the unread rest of a file cut at a limit as one `too_long` rejection, unless the cut
   * falls inside a line already rejected as too long: that line is the rest, counted once.
   */
  private countTruncatedRest(offset: number, reason: string): void {
    if (this.lines.skippingLongLine) return;
    this.builder.addTruncatedRest(this.table, offset, `${reason}: the rest is not read`);
  }

  private async readGzip(source: string | Uint8Array): Promise<void> {
    const compressed = typeof source === "string" ? readFileSync(source) : source;
    let inflated: Buffer | undefined;
    try {
      inflated = gunzipSync(compressed, {
        maxOutputLength: Math.min(GUNZIP_WHOLE_BYTES, this.maxDecompressedBytes),
      });
    } catch (error) {
      // Too big to inflate at once: stream it below. Corrupt data fails the stream the same way.
      if (!(error instanceof RangeError)) throw error;
    }
    if (inflated !== undefined) {
      this.push(inflated);
      return;
    }
    const limit = compressed.length * MAX_INFLATION_RATIO + INFLATION_ALLOWANCE;
    let inflatedBytes = 0;
    const gunzip = (typeof source === "string" ? createReadStream(source) : Readable.from([compressed])).pipe(
      createGunzip(),
    );
    for await (const chunk of gunzip) {
      const room = this.maxDecompressedBytes - inflatedBytes;
      if ((chunk as Buffer).length > room) {
        gunzip.destroy();
        throw this.cutAtLimit(chunk as Buffer, room);
      }
      inflatedBytes += (chunk as Buffer).length;
      if (inflatedBytes > limit) {
        gunzip.destroy();
        const reason = `inflates past ${Math.round(limit / 1e6)} MB (over ${MAX_INFLATION_RATIO} times its size: a gzip bomb?)`;
        this.dropping = true;
        this.countTruncatedRest(inflatedBytes - (chunk as Buffer).length, reason);
        throw new SizeLimitError(`${reason}; the rest is skipped, counted as one too_long rejection`);
      }
      this.push(chunk as Buffer);
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
          this.lines.begin(position + from);
        }
        if (end >= 0 && position + read > end - 1) {
          const newline = buffer.indexOf(NEWLINE, Math.max(from, end - 1 - position));
          if (newline >= 0 && newline < read) {
            this.push(buffer.subarray(from, newline + 1));
            return;
          }
        }
        this.push(buffer.subarray(from, read));
        position += read;
      }
    } finally {
      closeSync(fd);
    }
  }
}
