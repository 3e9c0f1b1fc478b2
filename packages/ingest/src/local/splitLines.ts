/**
 * One item cut from a byte stream: a complete record's bytes (`kind: "line"`) or the report of a
 * record longer than the size limit, skipped without being kept in memory (`kind: "too-long"`).
 * `line` is 1-based; `byteOffset` is where the item starts in the (decompressed) stream.
 */
export type SplitItem =
  | { readonly kind: "line"; readonly bytes: Buffer; readonly line: number; readonly byteOffset: number }
  | {
      readonly kind: "too-long";
      readonly byteLength: number;
      readonly line: number;
      readonly byteOffset: number;
    };

/** An incremental splitter: feed chunks in order, then call `end` once. */
export interface ByteSplitter {
  /** Splits the next chunk; returns the items it completed (the chunk's tail is kept for later). */
  push(chunk: Buffer): SplitItem[];
  /** Flushes the last, unterminated item if any. */
  end(): SplitItem[];
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Creates a newline splitter for NDJSON byte streams: lines may span any number of chunks, CRLF and
 * LF both end lines (the CR is dropped), the last line needs no newline, and a UTF-8 byte order mark
 * at the start of the stream is dropped. A line longer than `maxLineBytes` is reported as `too-long`
 * and its bytes are discarded as they arrive, so memory stays bounded whatever the input. Returned
 * line bytes may be views into the pushed chunks (no copy unless a line spans chunks).
 *
 * @example
 * const splitter = createLineSplitter({ maxLineBytes: 1024 });
 * splitter.push(Buffer.from('{"a":1}\r\n{"b"')); // [{ kind: "line", bytes: <{"a":1}>, line: 1, byteOffset: 0 }]
 * splitter.push(Buffer.from(":2}"));              // []
 * splitter.end();                                // [{ kind: "line", bytes: <{"b":2}>, line: 2, byteOffset: 9 }]
 */
export function createLineSplitter(options: { readonly maxLineBytes: number }): ByteSplitter {
  const { maxLineBytes } = options;
  let streamOffset = 0;
  let lineNumber = 1;
  let lineStart = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let skippedBytes = 0;

  const finishLine = (items: SplitItem[], tail: Buffer | undefined): void => {
    const tailBytes = tail === undefined ? 0 : tail.length;
    if (skipping || pendingBytes + tailBytes > maxLineBytes) {
      items.push({
        kind: "too-long",
        byteLength: skippedBytes + pendingBytes + tailBytes,
        line: lineNumber,
        byteOffset: lineStart,
      });
    } else {
      let bytes: Buffer;
      if (pending.length === 0) bytes = tail ?? Buffer.alloc(0);
      else bytes = Buffer.concat(tail === undefined ? pending : [...pending, tail], pendingBytes + tailBytes);
      let byteOffset = lineStart;
      if (lineStart === 0 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
        bytes = bytes.subarray(3);
        byteOffset = 3;
      }
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      items.push({ kind: "line", bytes, line: lineNumber, byteOffset });
    }
    pending = [];
    pendingBytes = 0;
    skipping = false;
    skippedBytes = 0;
    lineNumber++;
  };

  return {
    push(chunk) {
      const items: SplitItem[] = [];
      let position = 0;
      for (;;) {
        const newline = chunk.indexOf(LF, position);
        if (newline === -1) {
          const rest = chunk.length - position;
          if (rest === 0) break;
          if (skipping) skippedBytes += rest;
          else if (pendingBytes + rest > maxLineBytes) {
            // Over the limit: forget what was kept and only count the bytes until the line ends.
            skipping = true;
            skippedBytes = pendingBytes + rest;
            pending = [];
            pendingBytes = 0;
          } else {
            pending.push(chunk.subarray(position));
            pendingBytes += rest;
          }
          break;
        }
        finishLine(items, chunk.subarray(position, newline));
        position = newline + 1;
        lineStart = streamOffset + position;
      }
      streamOffset += chunk.length;
      return items;
    },
    end() {
      const items: SplitItem[] = [];
      if (skipping || pendingBytes > 0) finishLine(items, undefined);
      return items;
    },
  };
}
