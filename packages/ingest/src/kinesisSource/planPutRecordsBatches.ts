/**
 * PutRecords limits of AWS: entries per request, bytes per request and per record (data plus partition
 * key, both counted), and partition key length in characters.
 *
 * @example
 * ```ts
 * PUT_RECORDS_LIMITS.maxEntries; // 500
 * ```
 */
export const PUT_RECORDS_LIMITS = Object.freeze({
  maxEntries: 500,
  maxRequestBytes: 5 * 1024 * 1024,
  maxRecordBytes: 1024 * 1024,
  maxPartitionKeyLength: 256,
});

/**
 * One PutRecords entry before sending.
 *
 * @example
 * ```ts
 * const entry: PutRecordsEntry = { data: new TextEncoder().encode('{"ind":1}'), partitionKey: "1" };
 * ```
 */
export interface PutRecordsEntry {
  readonly data: Uint8Array;
  readonly partitionKey: string;
}

/**
 * Splits entries, in order, into PutRecords requests within {@link PUT_RECORDS_LIMITS}; returns the
 * entry indexes of each request.
 *
 * @throws {RangeError} naming the entry when one alone breaks a per-record limit.
 * @example
 * ```ts
 * planPutRecordsBatches(Array.from({ length: 1200 }, () => ({ data: new Uint8Array(10), partitionKey: "k" })))
 *   .map((batch) => batch.length); // [500, 500, 200]
 * ```
 */
export function planPutRecordsBatches(entries: readonly PutRecordsEntry[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  for (const [index, entry] of entries.entries()) {
    const keyLength = [...entry.partitionKey].length;
    if (keyLength < 1 || keyLength > PUT_RECORDS_LIMITS.maxPartitionKeyLength) {
      throw new RangeError(`record ${index}: partition key must have 1..256 characters, has ${keyLength}`);
    }
    const bytes = entry.data.byteLength + Buffer.byteLength(entry.partitionKey, "utf8");
    if (bytes > PUT_RECORDS_LIMITS.maxRecordBytes) {
      throw new RangeError(`record ${index}: ${bytes} bytes with its partition key, over the 1 MiB limit`);
    }
    if (
      current.length === PUT_RECORDS_LIMITS.maxEntries ||
      currentBytes + bytes > PUT_RECORDS_LIMITS.maxRequestBytes
    ) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
