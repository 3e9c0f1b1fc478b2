import type { SplitItem } from "./splitLines";

/** An item of a JSON array stream: an element (numbered like a line) or a structural error. */
export type ArraySplitItem =
  | SplitItem
  | { readonly kind: "error"; readonly reason: string; readonly line: number; readonly byteOffset: number };

/** An incremental JSON array splitter: feed chunks in order, then call `end` once. */
export interface JsonArraySplitter {
  push(chunk: Buffer): ArraySplitItem[];
  end(): ArraySplitItem[];
}

// Parser states (plain numbers: the hot loop switches on them).
const BEFORE_ARRAY = 0;
const BEFORE_ELEMENT = 1;
const IN_ELEMENT = 2;
const AFTER_ARRAY = 3;
const FAILED = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const isWhitespace = (byte: number): boolean =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * Creates a streaming splitter for a file holding one JSON array (`[{...}, {...}]`): it yields each
 * top-level element's bytes (as `kind: "line"`, `line` = 1-based element number) without parsing
 * them, tracking only nesting and strings, so arrays of any size stream in bounded memory. An element
 * longer than `maxElementBytes` is reported `too-long` and discarded as it streams. Structural faults
 * (no opening `[`, data after the closing `]`, unterminated array) are reported once as `kind:
 * "error"`, after which the rest of the stream is ignored. A leading UTF-8 byte order mark is skipped.
 *
 * @example
 * const splitter = createJsonArraySplitter({ maxElementBytes: 1024 });
 * splitter.push(Buffer.from('[{"a":1}, {"b":"x,]"}]')).map((i) => i.kind === "line" && i.bytes.toString());
 * // ['{"a":1}', ' {"b":"x,]"}']
 */
export function createJsonArraySplitter(options: { readonly maxElementBytes: number }): JsonArraySplitter {
  const { maxElementBytes } = options;
  let state = BEFORE_ARRAY;
  let streamOffset = 0;
  let elementNumber = 1;
  let elementStart = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let skippedBytes = 0;

  const keep = (part: Buffer): void => {
    if (part.length === 0) return;
    if (skipping) skippedBytes += part.length;
    else if (pendingBytes + part.length > maxElementBytes) {
      skipping = true;
      skippedBytes = pendingBytes + part.length;
      pending = [];
      pendingBytes = 0;
    } else {
      pending.push(part);
      pendingBytes += part.length;
    }
  };

  const finishElement = (items: ArraySplitItem[]): void => {
    if (skipping) {
      items.push({
        kind: "too-long",
        byteLength: skippedBytes,
        line: elementNumber,
        byteOffset: elementStart,
      });
    } else {
      items.push({
        kind: "line",
        bytes: Buffer.concat(pending, pendingBytes),
        line: elementNumber,
        byteOffset: elementStart,
      });
    }
    pending = [];
    pendingBytes = 0;
    skipping = false;
    skippedBytes = 0;
    elementNumber++;
  };

  const fail = (items: ArraySplitItem[], reason: string, at: number): void => {
    items.push({ kind: "error", reason, line: elementNumber, byteOffset: at });
    state = FAILED;
    pending = [];
    pendingBytes = 0;
  };

  return {
    push(chunk) {
      const items: ArraySplitItem[] = [];
      let i = 0;
      // Start of the current element's bytes within this chunk (when inside an element).
      let partStart = 0;
      const length = chunk.length;
      // Skip a byte order mark at the very start of the stream.
      if (streamOffset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
      while (i < length && state !== FAILED) {
        const byte = chunk[i]!;
        switch (state) {
          case BEFORE_ARRAY:
            if (byte === OPEN_BRACKET) state = BEFORE_ELEMENT;
            else if (!isWhitespace(byte)) fail(items, "not a JSON array: expected '['", streamOffset + i);
            break;
          case BEFORE_ELEMENT:
            if (isWhitespace(byte)) break;
            if (byte === CLOSE_BRACKET && elementNumber === 1) {
              state = AFTER_ARRAY;
              break;
            }
            if (byte === COMMA || byte === CLOSE_BRACKET) {
              fail(items, "missing array element", streamOffset + i);
              break;
            }
            state = IN_ELEMENT;
            elementStart = streamOffset + i;
            partStart = i;
            depth = 0;
            inString = false;
            escaped = false;
            i--; // re-read this byte inside the element
            break;
          case IN_ELEMENT:
            if (inString) {
              if (escaped) escaped = false;
              else if (byte === BACKSLASH) escaped = true;
              else if (byte === QUOTE) inString = false;
            } else if (byte === QUOTE) inString = true;
            else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
            else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) depth--;
            else if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
              keep(chunk.subarray(partStart, i));
              finishElement(items);
              state = byte === COMMA ? BEFORE_ELEMENT : AFTER_ARRAY;
            }
            break;
          case AFTER_ARRAY:
            if (!isWhitespace(byte))
              fail(items, "unexpected data after the end of the JSON array", streamOffset + i);
            break;
        }
        i++;
      }
      if (state === IN_ELEMENT) keep(chunk.subarray(partStart, length));
      streamOffset += length;
      return items;
    },
    end() {
      const items: ArraySplitItem[] = [];
      if (state === BEFORE_ELEMENT || state === IN_ELEMENT) {
        fail(items, "unterminated JSON array", streamOffset);
      }
      return items;
    },
  };
}
