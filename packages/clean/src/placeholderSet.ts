import { isBlank } from "./isBlank";

/**
 * The placeholders of one column, looked up in a `Set` only when the candidate's length matches a
 * placeholder's: long values (most descriptions) are ruled out by one comparison, without hashing.
 * Empty and blank strings always count as placeholders.
 *
 * @example
 * const titles = new PlaceholderSet(["Untitled"]);
 * titles.matches("Untitled"); // true
 * titles.matches(" "); // true (blank)
 * titles.matches("Kitten"); // false
 */
export class PlaceholderSet {
  private readonly maxLength: number;
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

  /** Whether `text` is one of the placeholders, empty or blank-only. */
  matches(text: string): boolean {
    const length = text.length;
    if (length <= this.maxLength && this.byLength[length]?.has(text) === true) return true;
    return isBlank(text);
  }
}
