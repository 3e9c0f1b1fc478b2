import { RAW_TABLE_NAMES, type RawTableName } from "@pinpipe/analytics";

/**
 * Checks a `--table-prefix`: letters, digits and `_` (the name becomes part of table names and
 * folder names). Returns an error message, or null when it is fine.
 *
 * @example
 * tablePrefixProblem("0a1b2c"); // null
 */
export function tablePrefixProblem(prefix: string): string | null {
  return /^[A-Za-z0-9_]{1,100}$/.test(prefix)
    ? null
    : `--table-prefix must be 1 to 100 letters, digits or "_", got "${prefix}"`;
}

/**
 * Parses `--tables pin,geo,user` (any of them, in any order; default all three).
 *
 * @throws {RangeError} naming an unknown table.
 * @example
 * tablesOption("user,pin"); // ["pin", "user"]
 */
export function tablesOption(text: string | undefined): RawTableName[] {
  if (text === undefined) return [...RAW_TABLE_NAMES];
  const names = text.split(",").map((name) => name.trim());
  for (const name of names) {
    if (!(RAW_TABLE_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(`--tables takes pin, geo and user, got "${name}"`);
    }
  }
  return RAW_TABLE_NAMES.filter((table) => names.includes(table));
}
