import { type CleanOptions, DEFAULT_PLACEHOLDERS, type PlaceholderColumn } from "@pinpipe/clean";

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

/**
 * The byte-level placeholders of one column under the run's clean options: the override when the
 * options give a list for the column (its strings), the default dictionary otherwise, exactly as
 * the cleaners resolve them.
 *
 * @example
 * columnPlaceholders("title", { placeholders: { title: ["n/a"] } }).isListed(new TextEncoder().encode("n/a"), 0, 3); // true
 */
export function columnPlaceholders(
  column: PlaceholderColumn,
  options: CleanOptions | undefined,
): ColumnPlaceholders {
  const overrides: unknown = options?.placeholders;
  const override =
    typeof overrides === "object" && overrides !== null && Object.hasOwn(overrides, column)
      ? (overrides as Readonly<Record<string, unknown>>)[column]
      : undefined;
  const list = Array.isArray(override) ? override : DEFAULT_PLACEHOLDERS[column];
  return new ColumnPlaceholders(list.filter((value): value is string => typeof value === "string"));
}
