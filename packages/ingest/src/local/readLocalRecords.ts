import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { createRecordSplitter } from "./createRecordSplitter";
import { decodeSplitItem } from "./decodeSplitItem";
import {
  compareLocalRecordFiles,
  describeRecordFile,
  type LocalRecordFile,
  listLocalRecordFiles,
} from "./listLocalRecordFiles";
import type { ArraySplitItem } from "./splitJsonArray";

/** Where a record (or error) was found: file relative to the root, 1-based line, byte offset. */
export interface LocalRecordPosition {
  /** Path relative to the input folder with `/` separators (the file name when the input is a file). */
  readonly file: string;
  /** 1-based line of an NDJSON file, or 1-based element number of a JSON array file (0: file-level error). */
  readonly line: number;
  /** Byte offset of the line or element in the file (in the decompressed bytes of `.gz` files). */
  readonly byteOffset: number;
}

/** One record read from local files, or one bad line or file (`error` set, `record` undefined). */
export interface LocalRecord {
  readonly table: SourceTable | null;
  readonly record: unknown;
  readonly error?: { readonly reason: string };
  readonly position: LocalRecordPosition;
}

/** Options of {@link readLocalRecords}. */
export interface ReadLocalRecordsOptions {
  /** Table of files outside the Kafka Connect layout (default: from the file name, else `null`). */
  readonly table?: SourceTable;
  /** Longest line or array element kept; longer ones are reported and skipped. Default 16 MiB. */
  readonly maxLineBytes?: number;
  /** Resume: skip everything up to and including this position (files before it, its lines ≤ line). */
  readonly startAfter?: { readonly file: string; readonly line: number };
  /** Files up to this size are read whole, synchronously, instead of streamed. Default 256 KiB. */
  readonly smallFileBytes?: number;
  /**
   * Most bytes inflated from one `.gz` file. Past it the file is stopped and reported as one error
   * (records completed before the limit are kept), so a gzip bomb costs bounded time, not time in
   * proportion to its expansion. Default 1 GiB: far above any real export, far below a bomb.
   */
  readonly maxDecompressedBytes?: number;
}

type LoadedFile =
  | { readonly kind: "buffer"; readonly buffer: Buffer }
  | { readonly kind: "descriptor"; readonly fd: number }
  | { readonly kind: "error"; readonly reason: string };

const STREAM_CHUNK_BYTES = 256 * 1024;
const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;
const EVENT_LOOP_BREAK_FILES = 64;
const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function requirePositiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(`readLocalRecords: ${name} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * Opens a file; small files are read whole right away. Synchronous on purpose: for tens of thousands
 * of one-record objects, thread-pool round trips (open, stat, read, close) cost several times more
 * than the reads themselves, and blocking is bounded by `smallFileBytes` per file.
 */
function loadFile(file: LocalRecordFile, smallFileBytes: number): LoadedFile {
  let fd: number | undefined;
  try {
    fd = openSync(file.path, "r");
    const { size } = fstatSync(fd);
    if (size > smallFileBytes) return { kind: "descriptor", fd };
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, buffer, filled, size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    closeSync(fd);
    return { kind: "buffer", buffer: filled === size ? buffer : buffer.subarray(0, filled) };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    return { kind: "error", reason: `cannot read file: ${describeError(error)}` };
  }
}

function chunksOf(
  file: LocalRecordFile,
  loaded: LoadedFile & { kind: "buffer" | "descriptor" },
): AsyncIterable<Buffer> | Buffer[] {
  if (loaded.kind === "buffer" && !file.gzip) return [loaded.buffer];
  // The read stream owns (and closes) the descriptor.
  const source =
    loaded.kind === "buffer"
      ? Readable.from([loaded.buffer])
      : createReadStream("", { fd: loaded.fd, highWaterMark: STREAM_CHUNK_BYTES });
  if (!file.gzip) return source;
  // Errors of either stream end the iteration of the gunzip stream (pipe alone would not forward them).
  const gunzip = createGunzip();
  source.on("error", (error: Error) => gunzip.destroy(error));
  // Stopping early (a consumer's break, the decompressed-size limit) destroys only the gunzip stream;
  // the source must go too, or its descriptor stays open.
  gunzip.on("close", () => source.destroy());
  return source.pipe(gunzip);
}

async function* recordsOfFile(
  file: LocalRecordFile,
  loaded: LoadedFile,
  maxLineBytes: number,
  maxDecompressedBytes: number,
  skipThroughLine: number,
): AsyncGenerator<LocalRecord, void, undefined> {
  const { table } = file;
  if (loaded.kind === "error") {
    yield {
      table,
      record: undefined,
      error: { reason: loaded.reason },
      position: { file: file.file, line: 0, byteOffset: 0 },
    };
    return;
  }
  const splitter = createRecordSplitter(file.format, maxLineBytes);
  let nextLine = 1;
  let bytesSeen = 0;
  function* toRecords(items: readonly ArraySplitItem[]): Generator<LocalRecord, void, undefined> {
    for (const item of items) {
      nextLine = item.line + 1;
      if (item.line <= skipThroughLine) continue;
      const position = { file: file.file, line: item.line, byteOffset: item.byteOffset };
      if (item.kind === "error") {
        yield { table, record: undefined, error: { reason: item.reason }, position };
        continue;
      }
      const decoded = decodeSplitItem(item, maxLineBytes);
      if (decoded === undefined) continue;
      yield decoded.ok
        ? { table, record: decoded.value, position }
        : { table, record: undefined, error: { reason: decoded.reason }, position };
    }
  }
  const limit = file.gzip ? maxDecompressedBytes : Number.POSITIVE_INFINITY;
  try {
    for await (const chunk of chunksOf(file, loaded)) {
      if (bytesSeen + chunk.length > limit) {
        // Lines completed within the limit still count; the one cut by it is dropped with the rest.
        yield* toRecords(splitter.push(chunk.subarray(0, limit - bytesSeen)));
        const reason = `decompressed size exceeds maxDecompressedBytes (${limit}), rest of file skipped`;
        const position = { file: file.file, line: nextLine, byteOffset: limit };
        yield { table, record: undefined, error: { reason }, position };
        return;
      }
      bytesSeen += chunk.length;
      yield* toRecords(splitter.push(chunk));
    }
  } catch (error) {
    const position = { file: file.file, line: nextLine, byteOffset: bytesSeen };
    yield {
      table,
      record: undefined,
      error: { reason: `cannot read file: ${describeError(error)}` },
      position,
    };
    return;
  }
  yield* toRecords(splitter.end());
}

/**
 * Streams the records of a local folder or file, in constant memory: Kafka Connect S3 sink layouts
 * (`topics/<prefix>.pin/partition=<p>/<prefix>.pin+<p>+<offset>.json[.gz]`, table from the topic),
 * NDJSON files (`.ndjson`, `.jsonl`, `.json`) and JSON array files (`.json` starting with `[`), each
 * optionally gzipped. Files are read in {@link compareLocalRecordFiles} order; small files are read
 * whole (synchronously: much faster for many tiny objects), large ones streamed. Bad input never
 * throws: invalid UTF-8, invalid JSON, over-long lines, unreadable or corrupt files and `.gz` files
 * inflating past `maxDecompressedBytes` come out as items with `error` and a position.
 * Blank lines are skipped. Invalid options throw a `RangeError` at the call; a missing root path
 * rejects on the first iteration.
 *
 * @example
 * for await (const { table, record, error, position } of readLocalRecords("./bucket")) {
 *   if (error) console.warn(position.file, position.line, error.reason);
 *   else handle(table, record);
 * }
 */
export function readLocalRecords(
  path: string,
  options: ReadLocalRecordsOptions = {},
): AsyncGenerator<LocalRecord, void, undefined> {
  requirePositiveInteger("maxLineBytes", options.maxLineBytes);
  requirePositiveInteger("smallFileBytes", options.smallFileBytes);
  requirePositiveInteger("maxDecompressedBytes", options.maxDecompressedBytes);
  const { startAfter } = options;
  if (
    startAfter !== undefined &&
    (typeof startAfter.file !== "string" || !Number.isSafeInteger(startAfter.line) || startAfter.line < 0)
  ) {
    throw new RangeError("readLocalRecords: startAfter must be { file: string, line: non-negative integer }");
  }
  if (options.table !== undefined && !["pin", "geo", "user"].includes(options.table)) {
    throw new RangeError(
      `readLocalRecords: table must be "pin", "geo" or "user", got ${String(options.table)}`,
    );
  }
  return readAll(path, options);
}

async function* readAll(
  root: string,
  options: ReadLocalRecordsOptions,
): AsyncGenerator<LocalRecord, void, undefined> {
  const {
    maxLineBytes = 16 * 1024 * 1024,
    smallFileBytes = 256 * 1024,
    maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES,
    startAfter,
  } = options;
  let files = await listLocalRecordFiles(root, options.table);
  if (startAfter !== undefined) {
    const resumeFile = describeRecordFile(startAfter.file, startAfter.file, options.table) ?? {
      path: startAfter.file,
      file: startAfter.file,
      table: null,
      gzip: false,
      format: "ndjson" as const,
    };
    files = files.filter((file) => compareLocalRecordFiles(file, resumeFile) >= 0);
  }
  let sinceBreak = 0;
  for (const file of files) {
    // Reads of small files are synchronous: give the event loop a turn now and then.
    if (++sinceBreak === EVENT_LOOP_BREAK_FILES) {
      sinceBreak = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const skipThroughLine = startAfter !== undefined && file.file === startAfter.file ? startAfter.line : 0;
    yield* recordsOfFile(
      file,
      loadFile(file, smallFileBytes),
      maxLineBytes,
      maxDecompressedBytes,
      skipThroughLine,
    );
  }
}
