import { createHash } from "node:crypto";

/**
 * The value Hive writes for a null (or empty) partition value.
 *
 * @example
 * hivePartitionSegment("post_year", null); // "post_year=__HIVE_DEFAULT_PARTITION__"
 */
export const HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

/**
 * Longest partition folder name, in UTF-8 bytes: below the 255-byte name limit of common file
 * systems, with room to spare for tools that add a suffix.
 *
 * @example
 * Buffer.byteLength(hivePartitionSegment("category", "x".repeat(300))) <= MAX_SEGMENT_BYTES; // true
 */
export const MAX_SEGMENT_BYTES = 200;

/** Hex digits of the SHA-256 of the value that end a shortened folder name. */
const HASH_CHARS = 16;

/** Characters Hive escapes in partition path values (its `FileUtils.escapePathName`), plus NUL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped on purpose.
const ESCAPED = /[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g;

/** One escape (`%XX`) or one code point: a shortened name never cuts inside either. */
const TOKEN = /%[0-9A-F]{2}|[\s\S]/gu;

const percentEncoded = (char: string): string =>
  `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;

/** The longest run of whole tokens of `escaped` that fits in `budget` UTF-8 bytes. */
function prefixWithin(escaped: string, budget: number): string {
  let prefix = "";
  let bytes = 0;
  for (const [token] of escaped.matchAll(TOKEN)) {
    bytes += Buffer.byteLength(token);
    if (bytes > budget) break;
    prefix += token;
  }
  return prefix;
}

/**
 * One Hive-style partition folder name, `<column>=<value>`: the value escaped as Hive does (`%`
 * and two upper-case hex digits for control characters, the double and single quote, `#`, `%`,
 * `*`, the slash, `:`, `=`, `?`, the backslash, DEL, `{`, `[`, `]` and `^`; everything else kept,
 * non-ASCII included), and a null or empty value written as {@link HIVE_DEFAULT_PARTITION}.
 * Escaping the slash keeps every value inside one path segment.
 *
 * A name longer than {@link MAX_SEGMENT_BYTES} UTF-8 bytes (file systems refuse names over 255
 * bytes) is shortened: the longest prefix of the escaped name that fits, never cut inside an escape
 * or a character, then `~` and the first 16 hex digits of the SHA-256 of the value's UTF-8 bytes.
 * The name depends only on the value, so reruns give the same folders, and two long values that
 * share a prefix still get different folders. A shortened name loses the rest of the value, so the
 * files under it hold the partition column too (`PARTITIONING` in partitionCleanTable).
 *
 * @example
 * hivePartitionSegment("category", "art"); // "category=art"
 * hivePartitionSegment("category", "a/b=c"); // "category=a%2Fb%3Dc"
 * hivePartitionSegment("join_year", 2016); // "join_year=2016"
 * hivePartitionSegment("category", "x".repeat(300)); // "category=xxx…x~<16 hex digits>", 200 bytes
 */
export function hivePartitionSegment(column: string, value: string | number | null): string {
  if (value === null || value === "") return `${column}=${HIVE_DEFAULT_PARTITION}`;
  const text = String(value);
  const segment = `${column}=${text.replace(ESCAPED, percentEncoded)}`;
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const hash = createHash("sha256").update(text, "utf8").digest("hex").slice(0, HASH_CHARS);
  return `${prefixWithin(segment, MAX_SEGMENT_BYTES - 1 - HASH_CHARS)}~${hash}`;
}
