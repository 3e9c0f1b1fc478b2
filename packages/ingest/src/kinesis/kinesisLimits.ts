/** Size and count limits of Kinesis Data Streams writes that this package enforces. */
export interface KinesisLimits {
  /** Largest record: data plus partition key (UTF-8), in bytes. */
  readonly maxRecordBytes: number;
  /** Most entries in one PutRecords request. */
  readonly maxRequestEntries: number;
  /** Largest PutRecords request: data plus partition keys of all entries, in bytes. */
  readonly maxRequestBytes: number;
}

/**
 * The classic Kinesis limits the original pipeline ran under: 1 MiB per record, 500 entries and 5 MiB
 * per PutRecords request.
 *
 * @example
 * KINESIS_LIMITS.maxRequestEntries; // 500
 */
export const KINESIS_LIMITS: KinesisLimits = Object.freeze({
  maxRecordBytes: 1024 * 1024,
  maxRequestEntries: 500,
  maxRequestBytes: 5 * 1024 * 1024,
});
