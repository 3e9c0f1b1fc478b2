/** The folder of the log inside a table. */
export const DELTA_LOG = "_delta_log";

/**
 * The name of a commit file, the version zero-padded to 20 digits.
 *
 * @example
 * commitFileName(3); // "00000000000000000003.json"
 */
export function commitFileName(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`bad version ${version}`);
  return `${String(version).padStart(20, "0")}.json`;
}

/**
 * The name of a classic single-file checkpoint.
 *
 * @example
 * checkpointFileName(10); // "00000000000000000010.checkpoint.parquet"
 */
export function checkpointFileName(version: number): string {
  return `${String(version).padStart(20, "0")}.checkpoint.parquet`;
}

/** What a file name of `_delta_log/` is. */
export type LogFile =
  | { readonly kind: "commit"; readonly version: number }
  | { readonly kind: "checkpoint"; readonly version: number; readonly part: number; readonly parts: number }
  | { readonly kind: "other" };

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC_CHECKPOINT = /^(\d{20})\.checkpoint\.parquet$/;
const MULTI_PART_CHECKPOINT = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;

/**
 * Classifies a file name of the log: a commit, a classic or multi-part checkpoint (part `i` of
 * `n`, 1-based), or anything else (`_last_checkpoint`, CRC files, v2 checkpoint sidecars,
 * temporary files), which replay ignores.
 *
 * @example
 * parseLogFileName("00000000000000000010.checkpoint.0000000001.0000000002.parquet"); // { kind: "checkpoint", version: 10, part: 1, parts: 2 }
 */
export function parseLogFileName(name: string): LogFile {
  let match = COMMIT.exec(name);
  if (match) return { kind: "commit", version: Number(match[1]) };
  match = CLASSIC_CHECKPOINT.exec(name);
  if (match) return { kind: "checkpoint", version: Number(match[1]), part: 1, parts: 1 };
  match = MULTI_PART_CHECKPOINT.exec(name);
  if (match)
    return { kind: "checkpoint", version: Number(match[1]), part: Number(match[2]), parts: Number(match[3]) };
  return { kind: "other" };
}
