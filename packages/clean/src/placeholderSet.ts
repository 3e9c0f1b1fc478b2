import { isBlank, isVisibleAscii } from "./isBlank";

/**
 * The placeholders of one column. Built for the hot path of cleaning: a value longer than every
 * placeholder that starts with a visible ASCII character (most values) is ruled out by two
 * comparisons; otherwise a `Set` keyed by length is consulted, then the blank check. Empty and
 * blank strings always count as placeholders.
 *
 * Its byte form is `ColumnPlaceholders` (`@pinpipe/clean/bytes`), built from this set's
 * {@link values}; testing a string on its bytes would mean encoding it first, so the string form
 * is not built on the byte form. Both share the blank set (`isWhitespaceCode`) and
 * `isVisibleAscii`, the "cannot be blank" test of the first character.
 *
 * @example
 * const titles = new PlaceholderSet(["Untitled"]);
 * titles.matches("Untitled"); // true
 * titles.matches(" "); // true (blank)
 * titles.matches("Kitten"); // false
 */
export class PlaceholderSet {
  /** Length of the longest placeholder (-1 when there are none): longer values are never listed. */
  readonly maxLength: number;
  private readonly byLength: (Set<string> | undefined)[] = [];

  constructor(placeholders: Iterable<unknown>) {
    let maxLength = -1;
    for (const placeholder of placeholders) {
      if (typeof placeholder !== "string") continue;
      const length = placeholder.length;
      let set = this.byLength[length];
      if (set === undefined) {
        set = new Set();
        this.byLength[length] = set;
      }
      set.add(placeholder);
      if (length > maxLength) maxLength = length;
    }
    this.maxLength = maxLength;
  }

  /**
   * The listed placeholders (without the implicit empty and blank strings), for the byte form
   * `ColumnPlaceholders`, which is built from this set.
   */
  values(): string[] {
    const values: string[] = [];
    for (const set of this.byLength) if (set !== undefined) values.push(...set);
    return values;
  }

  /** Whether `text` is one of the placeholders, empty or blank-only. */
  matches(text: string): boolean {
    // Kept tiny so the JIT inlines it into the cleaners; the rest is out of line.
    if (text.length > this.maxLength && isVisibleAscii(text.charCodeAt(0))) return false;
    return this.matchesSlowly(text);
  }

  private matchesSlowly(text: string): boolean {
    const length = text.length;
    if (length <= this.maxLength && this.byLength[length]?.has(text) === true) return true;
    return isBlank(text);
  }
}
