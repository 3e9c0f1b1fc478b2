import { S3Client } from "@aws-sdk/client-s3";
import type { AwsClientOptions } from "./awsClientOptions";
import { resolveAwsClientSettings } from "./resolveAwsClientSettings";

/**
 * Options of {@link createS3Client}.
 *
 * @example
 * ```ts
 * const options: S3ClientOptions = { endpoint: "http://127.0.0.1:4568", forcePathStyle: true };
 * ```
 */
export interface S3ClientOptions extends AwsClientOptions {
  /** Path-style URLs (`endpoint/bucket/key`); default: on for non-AWS endpoints, off for AWS. */
  readonly forcePathStyle?: boolean;
}

/**
 * An S3 client for AWS or a local S3-compatible server, configured by {@link resolveAwsClientSettings}.
 * For a non-AWS endpoint it also uses path-style URLs and sends/validates checksums only when the
 * operation requires them, since emulators do not implement the SDK's default CRC32 trailers.
 *
 * @example
 * ```ts
 * import { ListObjectsV2Command } from "@aws-sdk/client-s3";
 * const s3 = createS3Client({ endpoint: "http://127.0.0.1:4568", maxAttempts: 5 });
 * await s3.send(new ListObjectsV2Command({ Bucket: "raw" }));
 * s3.destroy();
 * ```
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const settings = resolveAwsClientSettings("s3", options);
  return new S3Client({
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(settings.maxAttempts === undefined ? {} : { maxAttempts: settings.maxAttempts }),
    ...(settings.retryMode === undefined ? {} : { retryMode: settings.retryMode }),
    forcePathStyle: options.forcePathStyle ?? settings.customEndpoint,
    ...(settings.customEndpoint
      ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }
      : {}),
  });
}
