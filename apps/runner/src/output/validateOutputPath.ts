// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
/** S3 keys are limited to 1024 UTF-8 bytes; a relative path must leave room for a root prefix. */
const MAX_PATH_BYTES = 900;

/**
 * Checks a relative output path (or, with `prefix: true`, a listing prefix) and returns it:
 * non-empty, at most 900 UTF-8 bytes, `/`-separated, not starting with `/`, without backslashes,
 * control characters, `.`/`..` or empty segments, and no drive letter (`C:`). Such paths could
 * escape the output root on disk or name different objects on S3 and on disk. A prefix may be `""`
 * (everything) and may end with `/`.
 *
 * @throws {RangeError} saying what is wrong with the path.
 * @example
 * validateOutputPath("runs/2026-11-23/manifest.json"); // "runs/2026-11-23/manifest.json"
 * validateOutputPath("runs/", { prefix: true }); // "runs/"
 * validateOutputPath("../etc/passwd"); // throws RangeError: output path must not contain "." or ".." segments: "../etc/passwd"
 */
export function validateOutputPath(path: string, options: { readonly prefix?: boolean } = {}): string {
  const what = options.prefix === true ? "output prefix" : "output path";
  if (typeof path !== "string") throw new RangeError(`${what} must be a string, got ${typeof path}`);
  if (path === "") {
    if (options.prefix === true) return path;
    throw new RangeError(`${what} must not be empty`);
  }
  const quoted = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
  if (Buffer.byteLength(path, "utf8") > MAX_PATH_BYTES) {
    throw new RangeError(`${what} is longer than ${MAX_PATH_BYTES} bytes: ${quoted}`);
  }
  if (path.startsWith("/")) throw new RangeError(`${what} must be relative, not start with "/": ${quoted}`);
  if (/^[A-Za-z]:/.test(path)) throw new RangeError(`${what} must not start with a drive letter: ${quoted}`);
  if (path.includes("\\")) throw new RangeError(`${what} must not contain "\\": ${quoted}`);
  if (CONTROL.test(path)) throw new RangeError(`${what} must not contain control characters: ${quoted}`);
  const body = options.prefix === true && path.endsWith("/") ? path.slice(0, -1) : path;
  const segments = body.split("/");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw new RangeError(`${what} must not contain "." or ".." segments: ${quoted}`);
  }
  if (segments.some((segment) => segment === ""))
    throw new RangeError(`${what} has an empty segment: ${quoted}`);
  return path;
}
