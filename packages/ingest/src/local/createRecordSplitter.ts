import { type ArraySplitItem, createJsonArraySplitter, type JsonArraySplitter } from "./splitJsonArray";
import { createLineSplitter } from "./splitLines";

const OPEN_BRACKET = 0x5b;

/** Index of the first byte that is not whitespace (nor a leading byte order mark), or -1. */
function firstSignificantByte(chunks: readonly Buffer[]): number {
  let streamOffset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      const inBom = streamOffset + i < 3 && byte === [0xef, 0xbb, 0xbf][streamOffset + i];
      if (!inBom && byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
    }
    streamOffset += chunk.length;
  }
  return -1;
}

/**
 * Creates the splitter for a record file's bytes: NDJSON lines for `ndjson`; for `auto`, a streaming
 * JSON array splitter when the first significant byte is `[`, else NDJSON. Chunks are held only until
 * that byte shows up (at most `maxRecordBytes` of leading whitespace; then NDJSON is assumed).
 *
 * @example
 * const splitter = createRecordSplitter("auto", 1 << 20);
 * splitter.push(Buffer.from('[{"ind":1},{"ind":2}]')).length; // 2
 */
export function createRecordSplitter(format: "ndjson" | "auto", maxRecordBytes: number): JsonArraySplitter {
  if (format === "ndjson") return createLineSplitter({ maxLineBytes: maxRecordBytes });
  let inner: JsonArraySplitter | undefined;
  let held: Buffer[] = [];
  let heldBytes = 0;
  const choose = (arrayFormat: boolean): ArraySplitItem[] => {
    inner = arrayFormat
      ? createJsonArraySplitter({ maxElementBytes: maxRecordBytes })
      : createLineSplitter({ maxLineBytes: maxRecordBytes });
    const items = held.flatMap((chunk) => inner!.push(chunk));
    held = [];
    return items;
  };
  return {
    push(chunk) {
      if (inner !== undefined) return inner.push(chunk);
      held.push(chunk);
      heldBytes += chunk.length;
      const first = firstSignificantByte(held);
      if (first !== -1) return choose(first === OPEN_BRACKET);
      return heldBytes > maxRecordBytes ? choose(false) : [];
    },
    end() {
      if (inner === undefined) choose(false);
      return inner!.end();
    },
  };
}
