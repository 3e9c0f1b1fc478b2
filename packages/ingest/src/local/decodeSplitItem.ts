import { type DecodedJson, decodeJsonBytes } from "./decodeJsonBytes";
import type { SplitItem } from "./splitLines";

const isBlank = (bytes: Buffer): boolean => bytes.length === 0 || bytes.toString("latin1").trim() === "";

/**
 * Decodes one item cut from a record stream, the one rule the local and S3 readers share so they read
 * the same values and give the same reasons: `undefined` for a blank line (skipped, not a record), the
 * line's JSON value, or why it is none (invalid UTF-8, invalid JSON, longer than `maxLineBytes`).
 *
 * @example
 * decodeSplitItem({ kind: "line", bytes: Buffer.from('{"ind":1}'), line: 1, byteOffset: 0 }, 1024); // { ok: true, value: { ind: 1 } }
 * decodeSplitItem({ kind: "line", bytes: Buffer.from("  "), line: 2, byteOffset: 10 }, 1024); // undefined
 * decodeSplitItem({ kind: "too-long", byteLength: 4096, line: 3, byteOffset: 13 }, 1024);
 * // { ok: false, reason: "record longer than maxLineBytes (1024): 4096 bytes, skipped" }
 */
export function decodeSplitItem(item: SplitItem, maxLineBytes: number): DecodedJson | undefined {
  if (item.kind === "too-long") {
    return {
      ok: false,
      reason: `record longer than maxLineBytes (${maxLineBytes}): ${item.byteLength} bytes, skipped`,
    };
  }
  return isBlank(item.bytes) ? undefined : decodeJsonBytes(item.bytes);
}
