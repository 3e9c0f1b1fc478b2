/**
 * A short, never-throwing description of any value for error messages: JSON for plain data (cut
 * at 80 characters), the type for what JSON cannot show. `String(value)` is not safe here: an
 * object from untrusted input can make it throw.
 *
 * @example
 * describeValue("5"); // "\"5\""
 * describeValue(Number.NaN); // "NaN"
 * describeValue({ toString: 1 }); // "{\"toString\":1}"
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return String(value);
    case "symbol":
    case "function":
      return `a ${typeof value}`;
    default: {
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch {
        // Cycles and bigints inside objects cannot be shown as JSON.
      }
      if (text === undefined) return Array.isArray(value) ? "an array" : "an object";
      return text.length > 80 ? `${text.slice(0, 77)}...` : text;
    }
  }
}
