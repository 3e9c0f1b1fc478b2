import type { RejectReason, TableCounts } from "@pinpipe/clean";
import type { GeoColumns, PinColumns, UserColumns } from "../analyticsTables";
import { type CleanRowBatch, cleanRowBatchTransferList } from "./cleanRows";
import { RAW_TABLE_NAMES, type RawTableName } from "./rawTableName";
import type { RejectionIssue } from "./referenceLineReader";

/** Whole-record hashes: two 32-bit words per row, or `null` when not deduplicating. */
interface RowHashes {
  readonly hashes: Int32Array | null;
}

/** Pin rows of a partial; dictionary ids are local to the builder that made them. */
export type PartialPinColumns = PinColumns & RowHashes;
/** Geo rows of a partial; dictionary ids are local to the builder that made them. */
export type PartialGeoColumns = GeoColumns & RowHashes;
/** User rows of a partial. */
export type PartialUserColumns = UserColumns & RowHashes;

/**
 * The rows one {@link ColumnarBuilder} built since its previous partial, ready to be posted to
 * another thread (typed arrays only, see {@link partialTransferList}). Dictionary ids are the
 * builder's own: `strings` lists the strings it added since its previous partial, whose ids
 * continue where the previous partial's stopped.
 */
export interface ColumnarPartial {
  readonly strings: readonly string[];
  readonly pin: PartialPinColumns;
  readonly geo: PartialGeoColumns;
  readonly user: PartialUserColumns;
  /** Records read for this partial; `duplicates` is always 0 here (the merger finds them). */
  readonly accounting: Readonly<Record<RawTableName, TableCounts>>;
  /** The same clean rows whole, in the same order, when the builder was asked for them. */
  readonly rows: { readonly [T in RawTableName]: CleanRowBatch } | null;
  /** The rejected lines, in read order, when the builder was asked to keep them. */
  readonly rejected: readonly RejectedLine[];
}

/**
 * A rejected line as a builder keeps it: the bytes it came with (null for a line skipped unread
 * for its length), why it was rejected, and where: the piece of the task it was read in, its
 * 1-based line number within that piece (blank lines count) and its stream byte offset.
 *
 * @example
 * const line: RejectedLine = { table: "geo", piece: 0, line: 3, byteOffset: 210, bytes, reason: "missing_key", issues: [{ field: "ind", value: null, rule: "missing_key" }] };
 */
export interface RejectedLine {
  readonly table: RawTableName;
  readonly piece: number;
  readonly line: number;
  readonly byteOffset: number;
  readonly bytes: Uint8Array | null;
  readonly reason: RejectReason;
  readonly issues: readonly RejectionIssue[];
}

/**
 * The buffers of a partial's typed arrays, to pass as `transferList` to `postMessage` so the
 * rows move between threads without copying.
 *
 * @example
 * port.postMessage(partial, partialTransferList(partial));
 */
export function partialTransferList(partial: ColumnarPartial): ArrayBuffer[] {
  const arrays = [
    partial.pin.ind,
    partial.pin.followerCount,
    partial.pin.posterName,
    partial.pin.category,
    partial.pin.hashes,
    partial.geo.ind,
    partial.geo.country,
    partial.geo.timestamp,
    partial.geo.hashes,
    partial.user.ind,
    partial.user.age,
    partial.user.dateJoined,
    partial.user.hashes,
  ];
  const buffers: ArrayBuffer[] = [];
  for (const array of arrays) if (array !== null) buffers.push(array.buffer as ArrayBuffer);
  if (partial.rows !== null) {
    for (const table of RAW_TABLE_NAMES) buffers.push(...cleanRowBatchTransferList(partial.rows[table]));
  }
  return buffers;
}
