/**
 * Where a job writes its files: a local folder or an S3 prefix, seen as a flat set of files named
 * by relative paths (`runs/2026-11-23/manifest.json`). Paths are `/`-separated, never absolute and
 * never contain `.` or `..` segments (see `validateOutputPath`); every method rejects such a path
 * with a `RangeError` before touching storage.
 *
 * `put` is atomic per file: a reader sees the old content or the new one, never a partial file
 * (a local folder writes a temporary sibling and renames it; S3 PutObject is atomic per object).
 *
 * @example
 * const sink: OutputSink = openOutputSink("s3://lake/pinpipe", { cwd: process.cwd() });
 * await sink.put("runs/2026-11-23/results/q1.json", '[{"country":"Chad"}]\n');
 * await sink.list("runs/2026-11-23/"); // ["runs/2026-11-23/results/q1.json"]
 */
export interface OutputSink {
  /** The root for messages: an absolute folder path or `s3://bucket/prefix`. */
  readonly location: string;
  /** Writes (or replaces) one file atomically; parent folders are created as needed. */
  put(path: string, body: Uint8Array | string): Promise<void>;
  /** The bytes of one file, or `undefined` when there is none. */
  get(path: string): Promise<Uint8Array | undefined>;
  /** Whether a file exists at `path`. */
  exists(path: string): Promise<boolean>;
  /**
   * Every file whose path starts with `prefix` (`""` for all, `"runs/x/"` for a folder), sorted by
   * path in code unit order. Leftovers of interrupted local writes (`*.tmp-*`) are listed too, so a
   * cleanup can remove them.
   */
  list(prefix: string): Promise<string[]>;
  /**
   * Removes one file (and, in a local folder, the folders it leaves empty); removing a file that
   * does not exist is not an error.
   */
  remove(path: string): Promise<void>;
}
