/** S3 refuses keys longer than this many UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
// C0 controls and DEL: legal in S3 but mangled by XML listings and file systems alike.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks an object key this package is about to write or read: non-empty, at most 1024 UTF-8 bytes, not
 * starting with `/`, without `.` or `..` path segments, empty segments, backslashes or control
 * characters. S3 itself would accept most of these, but local emulators (s3rver) store keys as file
 * paths, and a key like `../x` would escape the bucket folder; tools that mirror buckets to disk do the
 * same. A trailing `/` is allowed only when `allowFolder` is set (for listing prefixes).
 *
 * @throws {RangeError} saying what is wrong with the key.
 * @example
 * ```ts
 * validateS3Key("out/pin/part-0.parquet"); // "out/pin/part-0.parquet"
 * validateS3Key("../etc/passwd"); // throws RangeError
 * ```
 */
export function validateS3Key(key: string, options: { readonly allowFolder?: boolean } = {}): string {
  if (typeof key !== "string" || key === "") throw new RangeError("S3 key must be a non-empty string");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    throw new RangeError(
      `S3 key is longer than ${MAX_KEY_BYTES} bytes: ${JSON.stringify(key.slice(0, 80))}…`,
    );
  }
  if (key.startsWith("/")) throw new RangeError(`S3 key must not start with "/": ${JSON.stringify(key)}`);
  if (key.includes("\\")) throw new RangeError(`S3 key must not contain "\\": ${JSON.stringify(key)}`);
  if (CONTROL.test(key))
    throw new RangeError(`S3 key must not contain control characters: ${JSON.stringify(key)}`);
  const segments = (options.allowFolder && key.endsWith("/") ? key.slice(0, -1) : key).split("/");
  if (segments.some((segment) => segment === ""))
    throw new RangeError(`S3 key has an empty segment: ${JSON.stringify(key)}`);
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw new RangeError(`S3 key must not contain "." or ".." segments: ${JSON.stringify(key)}`);
  }
  return key;
}
