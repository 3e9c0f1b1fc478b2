/** Escapes `encodeURIComponent` makes of characters a URI path segment may hold as they are. */
const KEPT_ESCAPES = /%(?:40|26|3D|2B|24|2C|3B)/g;

/**
 * The `path` of an `add` or `remove` action for a file relative to the table root: a relative
 * URI, so each segment is percent-encoded (a Hive-escaped folder `category=a%2Fb` becomes
 * `category=a%252Fb`, a space `%20`); the characters RFC 2396 allows in a path segment, `@ & = + $ , ;`,
 * stay as they are, as Spark writes them (`:` is encoded: it would read as a scheme in a first segment).
 *
 * @example
 * dataFileUri("category=a%2Fb/part-00000.parquet"); // "category=a%252Fb/part-00000.parquet"
 * dataFileUri("category=x y/part-00000.parquet"); // "category=x%20y/part-00000.parquet"
 */
export function dataFileUri(relativePath: string): string {
  return relativePath
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(KEPT_ESCAPES, (kept) => decodeURIComponent(kept)))
    .join("/");
}

/**
 * The file an action path denotes, as replay compares them: percent-escapes decoded, as every
 * reader does, and a local `file:` URI reduced to its absolute path, so two spellings of one file
 * (`/t/a b`, `file:/t/a%20b`, `file:///t/a%20b`) compare equal.
 *
 * @throws {URIError} for a malformed escape (a corrupt log entry).
 *
 * @example
 * filePathOfUri("category=a%252Fb/part-00000.parquet"); // "category=a%2Fb/part-00000.parquet"
 * filePathOfUri("file:///data/t/x.parquet"); // "/data/t/x.parquet"
 */
export function filePathOfUri(uri: string): string {
  const local = /^file:(?:\/\/)?(\/.*)$/.exec(uri);
  return decodeURIComponent(local ? local[1]! : uri);
}

/**
 * A partition value as the log holds it ("Partition Value Serialization" of the protocol): text
 * for strings and numbers, null for null; an empty string is null too, as Spark writes it.
 *
 * @example
 * partitionValueText(2019); // "2019"
 * partitionValueText(""); // null
 */
export function partitionValueText(value: string | number | null): string | null {
  if (value === null || value === "") return null;
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`partition value ${value}`);
  return String(value);
}
