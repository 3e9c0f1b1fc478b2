/**
 * How much of the source a batch reads: the longest line (or JSON array element, or record of an
 * S3 object) and the most bytes one gzipped file or object may inflate to. Past either, what is
 * left out becomes one rejected item with the reason.
 *
 * @example
 * const limits: SourceLimits = { maxLineBytes: 64 * 1024, maxDecompressedBytes: 1024 ** 3 };
 */
export interface SourceLimits {
  readonly maxLineBytes: number;
  readonly maxDecompressedBytes: number;
}

/**
 * The readers' own defaults (`readLocalRecords`, `readS3Records`): 16 MiB lines, 1 GiB inflated.
 *
 * @example
 * DEFAULT_SOURCE_LIMITS.maxDecompressedBytes; // 1073741824
 */
export const DEFAULT_SOURCE_LIMITS: SourceLimits = Object.freeze({
  maxLineBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 1024 * 1024 * 1024,
});
