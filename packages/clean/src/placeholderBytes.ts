import type { CleanOptions } from "./cleanOptions";
import { resolvePlaceholders } from "./cleanOptions";
import { isWhitespaceCode } from "./isBlank";
import { PlaceholderSet } from "./placeholderSet";
import type { PlaceholderColumn } from "./placeholders";

/**
 * The placeholder decision for raw bytes: definitely one, definitely not, or needs the text.
 *
 * @example
 * const verdict: PlaceholderVerdict = titles.verdict(bytes, start, end); // "value"
 */
export type PlaceholderVerdict = "placeholder" | "value" | "undecided";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The byte form of a column's {@link PlaceholderSet}: decides from raw UTF-8 bytes, without
 * decoding, whether a string is a placeholder of the column (a listed value, or empty / blank as
 * `isBlank` defines it), whenever the bytes alone tell: empty → placeholder; equal to a listed value
 * → placeholder; first byte ASCII and not white space (`isWhitespaceCode`, the one blank set) and no
 * listed value matches → value (a blank string cannot start with a non-blank character). A first
 * byte that is white space or non-ASCII (U+00A0 is blank) is `"undecided"`: the caller asks the
 * string form. Built from a `PlaceholderSet`, so both forms list exactly the same strings (bar
 * those with lone surrogates, which no well-formed bytes spell). The bytes must be well-formed UTF-8.
 *
 * @example
 * const titles = new ColumnPlaceholders(["Untitled"]);
 * titles.verdict(new TextEncoder().encode("Untitled"), 0, 8); // "placeholder"
 * titles.verdict(new TextEncoder().encode("Kitten"), 0, 6); // "value"
 * titles.verdict(new TextEncoder().encode("\u00a0"), 0, 2); // "undecided" (the string form says blank)
 */
export class ColumnPlaceholders {
  private readonly listed: readonly Uint8Array[];

  /** The listed placeholders, as strings or as the string form's set (non-strings are ignored). */
  constructor(placeholders: Iterable<unknown> | PlaceholderSet) {
    const strings = placeholders instanceof PlaceholderSet ? placeholders.values() : placeholders;
    const listed: Uint8Array[] = [];
    for (const placeholder of strings) {
      if (typeof placeholder !== "string") continue;
      const bytes = encoder.encode(placeholder);
      // A placeholder with a lone surrogate is no UTF-8 text: unescaped bytes never spell it (its
      // encoding, with U+FFFD, would wrongly match "\ufffd"), so only the string form can meet it.
      if (decoder.decode(bytes) === placeholder) listed.push(bytes);
    }
    this.listed = listed;
  }

  /** The verdict for `bytes[start, end)`. */
  verdict(bytes: Uint8Array, start: number, end: number): PlaceholderVerdict {
    if (start === end) return "placeholder";
    const length = end - start;
    for (const listed of this.listed) {
      if (listed.length !== length) continue;
      let i = 0;
      while (i < length && listed[i] === bytes[start + i]) i++;
      if (i === length) return "placeholder";
    }
    const first = bytes[start]!;
    return first < 0x80 && !isWhitespaceCode(first) ? "value" : "undecided";
  }

  /** Whether `bytes[start, end)` equals a listed placeholder (empty is not listed). */
  isListed(bytes: Uint8Array, start: number, end: number): boolean {
    return start !== end && this.verdict(bytes, start, end) === "placeholder";
  }
}

/**
 * The byte-level placeholders of one column under the run's clean options, built on the very
 * `PlaceholderSet` the cleaners resolve for them (`resolvePlaceholders`): the override when the
 * options give a list for the column, the default dictionary otherwise.
 *
 * @example
 * const na = new TextEncoder().encode("n/a");
 * columnPlaceholders("title", { placeholders: { title: ["n/a"] } }).isListed(na, 0, 3); // true
 * columnPlaceholders("title", undefined).isListed(na, 0, 3); // false
 */
export function columnPlaceholders(
  column: PlaceholderColumn,
  options: CleanOptions | undefined,
): ColumnPlaceholders {
  return new ColumnPlaceholders(resolvePlaceholders(options)[column]);
}
