import type { LocalRecordPosition, S3RecordPosition, SourceTable } from "@pinpipe/ingest";

/**
 * One item read from the source: a parsed record of a table, or a line or file that held none
 * (`error` set). `position` is where it was found: `{ file, line, byteOffset }` in a local folder,
 * `{ key, line, byteOffset }` in S3 (line 0: the whole file or object).
 *
 * @example
 * const item: SourceItem = { table: "pin", record: { index: 1 }, position: { file: "topics/a.pin/…", line: 1, byteOffset: 0 } };
 */
export interface SourceItem {
  readonly table: SourceTable | null;
  readonly record: unknown;
  readonly error?: { readonly reason: string };
  /** The text of a line that held no record, when the reader kept it. */
  readonly text?: string;
  readonly position: LocalRecordPosition | S3RecordPosition;
}

/**
 * The file (local) or object key (S3) of a position.
 *
 * @example
 * sourceFileOf({ key: "topics/a.pin/partition=0/a.pin+0+0000000000.json", line: 2, byteOffset: 40 }); // the key
 */
export function sourceFileOf(position: SourceItem["position"]): string {
  return "file" in position ? position.file : position.key;
}
