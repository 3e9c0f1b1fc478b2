/**
 * Why a table's log cannot be used: a missing, corrupt or truncated entry, a gap in the versions,
 * a protocol this reader does not implement. Nothing is written after one.
 *
 * @example
 * throw new DeltaLogError("_delta_log/00000000000000000003.json is not valid JSON (line 2)");
 */
export class DeltaLogError extends Error {
  override readonly name = "DeltaLogError";
}

/**
 * The table needs a protocol (reader or writer version, table features) this implementation does
 * not support: it refuses to read or write it rather than misread it.
 *
 * @example
 * throw new DeltaProtocolError("table needs reader version 3 (features: deletionVectors), this reader supports 1");
 */
export class DeltaProtocolError extends Error {
  override readonly name = "DeltaProtocolError";
}

/**
 * A concurrent commit changed what a transaction depended on (files it removes, the metadata, its
 * `txn` application id): retrying at a later version would be wrong, so the commit fails.
 *
 * @example
 * throw new DeltaConflictError("version 7 removed part-00000.parquet, which this commit removes too");
 */
export class DeltaConflictError extends Error {
  override readonly name = "DeltaConflictError";
}
