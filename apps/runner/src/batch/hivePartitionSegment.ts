/**
 * The value Hive writes for a null (or empty) partition value.
 *
 * @example
 * hivePartitionSegment("post_year", null); // "post_year=__HIVE_DEFAULT_PARTITION__"
 */
export const HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

/** Characters Hive escapes in partition path values (its `FileUtils.escapePathName`), plus NUL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped on purpose.
const ESCAPED = /[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g;

const percentEncoded = (char: string): string =>
  `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * One Hive-style partition folder name, `<column>=<value>`: the value escaped as Hive does (`%`
 * and two upper-case hex digits for control characters, the double and single quote, `#`, `%`,
 * `*`, the slash, `:`, `=`, `?`, the backslash, DEL, `{`, `[`, `]` and `^`; everything else kept,
 * non-ASCII included), and a null or empty value written as {@link HIVE_DEFAULT_PARTITION}.
 * Escaping the slash keeps every value inside one path segment.
 *
 * @example
 * hivePartitionSegment("category", "art"); // "category=art"
 * hivePartitionSegment("category", "a/b=c"); // "category=a%2Fb%3Dc"
 * hivePartitionSegment("join_year", 2016); // "join_year=2016"
 */
export function hivePartitionSegment(column: string, value: string | number | null): string {
  if (value === null || value === "") return `${column}=${HIVE_DEFAULT_PARTITION}`;
  return `${column}=${String(value).replace(ESCAPED, percentEncoded)}`;
}
