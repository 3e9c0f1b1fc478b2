import type { QueryName } from "@pinpipe/analytics";
import type { PlaceholderDictionary, TableCounts, TableName } from "@pinpipe/clean";

/**
 * The format tag of a batch run's manifest.
 *
 * @example
 * BATCH_MANIFEST_FORMAT; // "pinpipe-batch/1"
 */
export const BATCH_MANIFEST_FORMAT = "pinpipe-batch/1";

/** One file of a run, relative to the run folder. */
export interface ManifestFile {
  readonly path: string;
  /** Rows of a Parquet file or a result, lines of a rejected-records file. */
  readonly rows: number;
  readonly bytes: number;
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
}

/** What `pinpipe batch` was asked to do (its options that change the output). */
export interface BatchRunOptions {
  readonly dedupe: boolean;
  readonly median: "lower" | "exact";
  readonly ties: "all" | "first";
}

/** The options a manifest records: those of {@link BatchRunOptions} and the source's size limits. */
export interface ManifestOptions extends BatchRunOptions {
  /** Longest line read; longer ones were rejected as `too_long`. */
  readonly maxLineBytes: number;
  /** Most bytes one gzipped file or object was inflated to. */
  readonly maxDecompressedBytes: number;
  /** The clean config's placeholder overrides, when one was given. */
  readonly placeholders?: PlaceholderDictionary;
}

/**
 * A source file whose records belong to no table (no path segment names pin, geo or user): not
 * read, listed with its size.
 *
 * @example
 * const skipped: SkippedFile = { file: "exports/misc.ndjson", bytes: 1200 };
 */
export interface SkippedFile {
  readonly file: string;
  readonly bytes: number;
}

/**
 * `runs/<run-id>/manifest.json` (docs/output-layout.md), written last: its presence says the run
 * finished. Holds no time or host, so the same input and options give the same bytes.
 *
 * @example
 * const manifest: BatchManifest = JSON.parse(text);
 * manifest.counts.pin.in === manifest.counts.pin.clean + manifest.counts.pin.rejected + manifest.counts.pin.duplicates; // true
 */
export interface BatchManifest {
  readonly format: typeof BATCH_MANIFEST_FORMAT;
  readonly runId: string;
  /** The source read: an absolute folder path or `s3://bucket/prefix`. */
  readonly source: string;
  readonly options: ManifestOptions;
  readonly counts: { readonly [T in TableName]: TableCounts };
  /** Every file of the run but the manifest, sorted by path. */
  readonly files: readonly ManifestFile[];
  readonly results: {
    readonly [Q in QueryName]: { readonly json: string; readonly csv: string; readonly rows: number };
  };
  /** Source files whose records belong to no table, with their sizes (not read, not in `counts`). */
  readonly skipped: readonly SkippedFile[];
}

/**
 * The manifest's bytes: two-space indented JSON with a final newline, keys in a fixed order.
 *
 * @example
 * await run.put("manifest.json", manifestText(manifest));
 */
export function manifestText(manifest: BatchManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
