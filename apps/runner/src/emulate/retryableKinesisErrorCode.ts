import { isRetryableKinesisError } from "@pinpipe/ingest";

/** Kinesis failures of its own side, besides throttling, that its documentation says to retry. */
const TRANSIENT_CODES = new Set([
  "InternalFailure",
  "InternalFailureException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
]);

/**
 * Whether a Kinesis error code passed through API Gateway (a PutRecords entry's `ErrorCode`, a
 * PutRecord error's `__type`) is worth resending: throttling or an internal failure. Anything else
 * (a missing stream, an unusable KMS key, a rejected request) fails the same way every time.
 *
 * @example
 * isRetryableKinesisErrorCode("ProvisionedThroughputExceededException"); // true
 * isRetryableKinesisErrorCode("ResourceNotFoundException"); // false
 */
export function isRetryableKinesisErrorCode(code: string): boolean {
  return TRANSIENT_CODES.has(code) || isRetryableKinesisError({ name: code });
}
