import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { decodeJsonBytes } from "../local/decodeJsonBytes";
import type { SplitItem } from "../local/splitLines";
import type { S3Record } from "./s3Record";

// The same blank test as readLocalRecords, so both readers skip the same lines.
const isBlank = (bytes: Buffer): boolean => bytes.length === 0 || bytes.toString("latin1").trim() === "";

/**
 * Turns one line cut from an object's body into an item, exactly as `readLocalRecords` reads an NDJSON
 * line (same JSON semantics, same reasons): `undefined` for a blank line, the line's JSON value, or an
 * error for invalid UTF-8, invalid JSON or a line over `maxLineBytes`. Lines that hold no JSON value keep
 * their text.
 *
 * @example
 * ```ts
 * s3LineRecord("pin", key, { kind: "line", bytes: Buffer.from("[1]"), line: 2, byteOffset: 9 }, 1024);
 * // { table: "pin", record: [1], position: { key, line: 2, byteOffset: 9 } }
 * ```
 */
export function s3LineRecord(
  table: SourceTable | null,
  key: string,
  item: SplitItem,
  maxLineBytes: number,
): S3Record | undefined {
  const position = { key, line: item.line, byteOffset: item.byteOffset };
  if (item.kind === "too-long") {
    const reason = `record longer than maxLineBytes (${maxLineBytes}): ${item.byteLength} bytes, skipped`;
    return { table, record: undefined, error: { reason, kind: "line" }, position };
  }
  if (isBlank(item.bytes)) return undefined;
  const decoded = decodeJsonBytes(item.bytes);
  if (decoded.ok) return { table, record: decoded.value, position };
  const text = item.bytes.toString("utf8");
  return { table, record: undefined, error: { reason: decoded.reason, kind: "line" }, text, position };
}
