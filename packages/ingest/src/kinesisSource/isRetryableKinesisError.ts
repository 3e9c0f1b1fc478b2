/** Error names that mean "too many requests, try again later" rather than "this request is wrong". */
const THROTTLING_ERROR_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "LimitExceededException",
  "KMSThrottlingException",
  "ThrottlingException",
]);

/**
 * Whether a Kinesis error is throttling that should be retried after a backoff: per-shard read/write
 * throughput (ProvisionedThroughputExceededException), the per-account request rate of control calls
 * such as ListShards (LimitExceededException) and KMS throttling. The SDK's own retries may already
 * have given up on it; the source and sink then back off for longer.
 *
 * @example
 * ```ts
 * isRetryableKinesisError({ name: "ProvisionedThroughputExceededException" }); // true
 * isRetryableKinesisError(new Error("boom")); // false
 * ```
 */
export function isRetryableKinesisError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    typeof error.name === "string" &&
    THROTTLING_ERROR_NAMES.has(error.name)
  );
}

/**
 * Whether an error is Kinesis's ExpiredIteratorException (a shard iterator is valid for 5 minutes).
 *
 * @example
 * ```ts
 * isExpiredIteratorError({ name: "ExpiredIteratorException" }); // true
 * ```
 */
export function isExpiredIteratorError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    error.name === "ExpiredIteratorException"
  );
}
