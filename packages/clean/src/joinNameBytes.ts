import { isWhitespaceCode } from "./isBlank";

/**
 * What joins the first and last names in the clean `user_name`: one space. The string form
 * (`cleanUser`) and the byte form ({@link NameJoiner}) both write this.
 *
 * @example
 * `Adam${USER_NAME_SEPARATOR}Acosta`; // "Adam Acosta"
 */
export const USER_NAME_SEPARATOR = " ";

const SEPARATOR_BYTE = USER_NAME_SEPARATOR.charCodeAt(0);

/** Whether an edge byte is a whole ASCII character that trimming keeps. */
function isKeptEdge(byte: number): boolean {
  return byte < 0x80 && !isWhitespaceCode(byte);
}

/**
 * Whether the UTF-8 bytes `bytes[start, end)` of a non-empty name are already its trimmed text, as
 * far as the bytes tell without decoding: both edge bytes are ASCII and not white space
 * (`isWhitespaceCode`, the blank set `cleanUser` trims by). `false` means "trim it or ask the string
 * form": an edge is white space or non-ASCII (U+00A0 is blank, `é` is not, the bytes alone do not
 * say which without decoding).
 *
 * @example
 * const name = new TextEncoder().encode("Adam");
 * isTrimmedNameBytes(name, 0, name.length); // true
 * isTrimmedNameBytes(new TextEncoder().encode("Adam "), 0, 5); // false
 */
export function isTrimmedNameBytes(bytes: Uint8Array, start: number, end: number): boolean {
  return start < end && isKeptEdge(bytes[start]!) && isKeptEdge(bytes[end - 1]!);
}

/**
 * The byte form of `cleanUser`'s `user_name` rule: the first and last names joined by
 * {@link USER_NAME_SEPARATOR}, or the one present, or null when both are absent. The names' bytes
 * must already be their trimmed text (see {@link isTrimmedNameBytes}); the string form trims with
 * the same blank set. Writes into its own buffer, {@link bytes}, grown as needed and reused per call.
 *
 * @example
 * const joiner = new NameJoiner();
 * const line = new TextEncoder().encode("Adam|Acosta");
 * const length = joiner.join(line, 0, 4, 5, 11); // 11
 * new TextDecoder().decode(joiner.bytes.subarray(0, length)); // "Adam Acosta"
 * joiner.join(line, -1, -1, 5, 11); // 6 ("Acosta")
 * joiner.join(line, -1, -1, -1, -1); // -1 (null)
 */
export class NameJoiner {
  /** The last joined name is `bytes[0, length)`, `length` being what {@link join} returned. */
  bytes = new Uint8Array(256);

  /**
   * Joins `source[firstStart, firstEnd)` and `source[lastStart, lastEnd)` into {@link bytes}; a
   * name whose start is negative is absent. Returns the joined length, or -1 when both are absent.
   */
  join(source: Uint8Array, firstStart: number, firstEnd: number, lastStart: number, lastEnd: number): number {
    const hasFirst = firstStart >= 0;
    const hasLast = lastStart >= 0;
    if (!hasFirst && !hasLast) return -1;
    const firstLength = hasFirst ? firstEnd - firstStart : 0;
    const lastLength = hasLast ? lastEnd - lastStart : 0;
    const length = firstLength + lastLength + (hasFirst && hasLast ? 1 : 0);
    if (this.bytes.length < length) this.bytes = new Uint8Array(length * 2);
    const target = this.bytes;
    let at = 0;
    if (hasFirst) {
      target.set(source.subarray(firstStart, firstEnd), 0);
      at = firstLength;
    }
    if (hasFirst && hasLast) target[at++] = SEPARATOR_BYTE;
    if (hasLast) target.set(source.subarray(lastStart, lastEnd), at);
    return length;
  }
}
