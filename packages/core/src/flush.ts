/**
 * `@pinpipe/core/flush`: the unit of row group encoding that jobs hand to worker threads (a
 * {@link TableFlush}), the pure function that encodes it, and the transfer lists of both sides.
 * Internal to pinpipe's jobs; the main entry's `CleanTablesSink` takes a `FlushEncoder`.
 *
 * @module @pinpipe/core/flush
 */

export type { EncodedPartitionGroup, EncodedTableFlush, TableFlush } from "./tableFlush";
export { encodedTableFlushTransferList, encodeTableFlush, tableFlushTransferList } from "./tableFlush";
