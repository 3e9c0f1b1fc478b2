import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { decodeSplitItem } from "../local/decodeSplitItem";
import type { SplitItem } from "../local/splitLines";
import type { S3Record } from "./s3Record";

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
  const decoded = decodeSplitItem(item, maxLineBytes);
  if (decoded === undefined) return undefined;
  if (decoded.ok) return { table, record: decoded.value, position };
  const error = { reason: decoded.reason, kind: "line" } as const;
  if (item.kind === "too-long") return { table, record: undefined, error, position };
  return { table, record: undefined, error, text: item.bytes.toString("utf8"), position };
}
