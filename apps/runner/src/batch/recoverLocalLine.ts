import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";

/**
 * Longest line recovered by default; longer ones are left out of the rejected records.
 *
 * @example
 * recoverLocalLine(root, file, offset, false, Math.min(MAX_RECOVERED_LINE_BYTES, lineLimit));
 */
export const MAX_RECOVERED_LINE_BYTES = 64 * 1024;
/** Files whose positions are line starts: NDJSON, and Kafka Connect objects (`+<offset>.json`). */
const LINE_FILE = /(\.ndjson|\.jsonl|\+\d+\.json)$/i;

/**
 * Reads back the text of one line of a local record file, for the rejected-records file of a line
 * that held no record (`readLocalRecords` reports its position, not its text): the bytes from
 * `byteOffset` to the next newline, decoded as UTF-8 (invalid bytes become U+FFFD). Only for
 * uncompressed NDJSON files and Kafka Connect objects, whose positions are line starts, and lines up
 * to `maxBytes` (64 KiB by default; a batch passes no more than its line limit, so a line too long
 * to read is not read back either); otherwise, or when the file cannot be read, `undefined`.
 *
 * @example
 * recoverLocalLine("/data/raw", "topics/a.geo/partition=0/a.geo+0+0000000000.json", 210); // "not json"
 */
export function recoverLocalLine(
  root: string,
  file: string,
  byteOffset: number,
  rootIsFile = false,
  maxBytes = MAX_RECOVERED_LINE_BYTES,
): string | undefined {
  if (!LINE_FILE.test(file)) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(rootIsFile ? root : join(root, file), "r");
    const buffer = Buffer.alloc(maxBytes + 1);
    const read = readSync(fd, buffer, 0, buffer.length, byteOffset);
    const newline = buffer.subarray(0, read).indexOf(0x0a);
    const end = newline < 0 ? read : newline;
    if (end > maxBytes) return undefined;
    return buffer.toString("utf8", 0, end).replace(/\r$/, "");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
