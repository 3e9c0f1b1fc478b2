import type { RejectedLine } from "@pinpipe/analytics/columnar";

/**
 * Where a rejected record was read: a file or object and line, a Kinesis or Kafka position… any
 * JSON object of scalars.
 *
 * @example
 * const position: RecordPosition = { file: "topics/x.geo/partition=0/x.geo+0+0000000000.json", line: 3, byteOffset: 210 };
 */
export type RecordPosition = Readonly<Record<string, string | number | null>>;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The bytes of a rejected record as they came: their text when they are UTF-8
 * (`rawEncoding: "text"`), base64 otherwise (`"base64"`), or `null` for a line skipped unread.
 *
 * @example
 * rawOf(new TextEncoder().encode('{"index":1e400}')); // { raw: '{"index":1e400}', rawEncoding: "text" }
 * rawOf(Uint8Array.of(0xff)); // { raw: "/w==", rawEncoding: "base64" }
 */
export function rawOf(bytes: Uint8Array | null): {
  raw: string | null;
  rawEncoding: "text" | "base64" | null;
} {
  if (bytes === null) return { raw: null, rawEncoding: null };
  try {
    return { raw: utf8.decode(bytes), rawEncoding: "text" };
  } catch {
    return {
      raw: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64"),
      rawEncoding: "base64",
    };
  }
}

/**
 * One line of a rejected-records file (NDJSON, with its newline): the position, the reason, the
 * record's exact bytes (see {@link rawOf}: never a re-serialization, so `1e400` stays `1e400`) and
 * its issues.
 *
 * @example
 * rejectedRecordLine({ file: "geo.ndjson", line: 2, byteOffset: 40 }, rejected);
 * // '{"position":{"file":"geo.ndjson","line":2,"byteOffset":40},"reason":"missing_key","raw":"{\"country\":\"Peru\"}","rawEncoding":"text","issues":[…]}\n'
 */
export function rejectedRecordLine(position: RecordPosition, rejected: RejectedLine): string {
  const { raw, rawEncoding } = rawOf(rejected.bytes);
  return `${JSON.stringify({ position, reason: rejected.reason, raw, rawEncoding, issues: rejected.issues })}\n`;
}
