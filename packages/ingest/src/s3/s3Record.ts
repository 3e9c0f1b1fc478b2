import type { SourceTable } from "../kafkaConnect/kafkaTopic";

/**
 * Where a record (or error) was found: the object key, the 1-based line (0 for an error about the whole
 * object) and the byte offset of the line in the object's (decompressed) body.
 *
 * @example
 * ```ts
 * const position: S3RecordPosition = { key: "topics/a.pin/partition=0/a.pin+0+0000000000.json", line: 3, byteOffset: 210 };
 * ```
 */
export interface S3RecordPosition {
  readonly key: string;
  readonly line: number;
  readonly byteOffset: number;
}

/**
 * What an error item is about: one line that holds no JSON value (`line`), an object that could not be
 * read whole after its attempts (`unreadable-object`), a gzipped object that inflated past its limit
 * (`decompressed-size`, the lines before the limit were delivered) or a key outside the Kafka Connect
 * layout (`unrecognized-key`).
 *
 * @example
 * ```ts
 * const kind: S3RecordErrorKind = "unreadable-object";
 * ```
 */
export type S3RecordErrorKind = "line" | "unreadable-object" | "decompressed-size" | "unrecognized-key";

/**
 * One record read from a Kafka Connect S3 sink bucket, or one bad line or object (`error` set, `record`
 * undefined). `table` comes from the topic (`<prefix>.pin|geo|user`), `null` for other topics.
 *
 * @example
 * ```ts
 * const item: S3Record = { table: "pin", record: { index: 1 }, position: { key, line: 1, byteOffset: 0 } };
 * ```
 */
export interface S3Record {
  readonly table: SourceTable | null;
  /**
   * The line's JSON value as `JSON.parse` returns it, as `readLocalRecords` reads it: any JSON value,
   * a `__proto__` key being a plain own property (judging the value is the consumer's job).
   */
  readonly record: unknown;
  readonly error?: { readonly reason: string; readonly kind: S3RecordErrorKind };
  /**
   * The text of a line that holds no JSON value (invalid bytes as U+FFFD), to show what was there;
   * kept because an object, unlike a local file, cannot be cheaply read again. Not set for over-long lines.
   */
  readonly text?: string;
  readonly position: S3RecordPosition;
}
