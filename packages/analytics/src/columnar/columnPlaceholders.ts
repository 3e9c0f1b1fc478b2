/** The placeholder decision for raw bytes: definitely one, definitely not, or needs the text. */
export type PlaceholderVerdict = "placeholder" | "value" | "undecided";

function isAsciiBlank(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Decides from raw UTF-8 bytes, without decoding, whether a string is a placeholder of one column
 * (a listed value, or empty / blank as the cleaners define it), whenever the bytes alone tell:
 * empty → placeholder; equal to a listed value → placeholder; first byte printable ASCII and no
 * listed value matches → value (a blank string cannot start with a printable character). A first
 * byte that is white space or non-ASCII (U+00A0 is blank) is `"undecided"`: the caller asks the
 * cleaner. The bytes must be well-formed UTF-8.
 *
 * @example
 * const titles = new ColumnPlaceholders(["Untitled"]);
 * titles.verdict(new TextEncoder().encode("Untitled"), 0, 8); // "placeholder"
 * titles.verdict(new TextEncoder().encode("Kitten"), 0, 6); // "value"
 */
export class ColumnPlaceholders {
  private readonly listed: readonly Uint8Array[];

  constructor(placeholders: readonly string[]) {
    const encoder = new TextEncoder();
    this.listed = placeholders.map((placeholder) => encoder.encode(placeholder));
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
    return first < 0x80 && !isAsciiBlank(first) ? "value" : "undecided";
  }

  /** Whether `bytes[start, end)` equals a listed placeholder. */
  isListed(bytes: Uint8Array, start: number, end: number): boolean {
    return start !== end && this.verdict(bytes, start, end) === "placeholder";
  }
}
