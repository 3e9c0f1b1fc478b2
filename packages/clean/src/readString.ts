import { isVisibleAscii } from "./isBlank";
import type { IssueLog } from "./issueLog";
import type { PlaceholderSet } from "./placeholderSet";

/**
 * Reads a raw string column: the string itself, byte for byte, unless it is a placeholder (listed,
 * empty or blank), in which case `null` with a `placeholder` issue. `null` stays `null` silently
 * (producers send it for "no data"); an absent column gives `null` with `missing_field`, any other
 * type `null` with `wrong_type`.
 *
 * @example
 * readString("User Info Error", "poster_name", placeholders.poster_name, log); // null, issue logged
 * readString("Bored Panda", "poster_name", placeholders.poster_name, log); // "Bored Panda"
 */
export function readString(
  value: unknown,
  field: string,
  placeholders: PlaceholderSet,
  log: IssueLog,
): string | null {
  // Hot path, kept small so the JIT inlines it into the cleaners: a string longer than every
  // placeholder and starting with a visible ASCII character (most values) is kept at once.
  if (
    typeof value === "string" &&
    value.length > placeholders.maxLength &&
    isVisibleAscii(value.charCodeAt(0))
  ) {
    return value;
  }
  return readStringSlowly(value, field, placeholders, log);
}

function readStringSlowly(
  value: unknown,
  field: string,
  placeholders: PlaceholderSet,
  log: IssueLog,
): string | null {
  if (typeof value === "string") {
    if (!placeholders.matches(value)) return value;
    log.add(field, value, "placeholder");
  } else if (value !== null) {
    log.add(field, value, value === undefined ? "missing_field" : "wrong_type");
  }
  return null;
}
