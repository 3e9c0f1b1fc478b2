/**
 * Options shared by {@link createS3Client} and {@link createKinesisClient}. Anything left out follows the
 * AWS SDK v3's own configuration (environment variables, shared config files, credential chain).
 *
 * @example
 * ```ts
 * const options: AwsClientOptions = { endpoint: "http://127.0.0.1:4568", maxAttempts: 5, retryMode: "adaptive" };
 * ```
 */
export interface AwsClientOptions {
  /** Service endpoint URL; default: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then AWS itself. */
  readonly endpoint?: string;
  /** AWS region; default: AWS_REGION, else `us-east-1` for a non-AWS endpoint, else the SDK's lookup. */
  readonly region?: string;
  /** Static credentials; default: the SDK's credential chain (dummy ones for an unconfigured local endpoint). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total attempts per request, first one included (SDK default 3, or AWS_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** SDK retry strategy (SDK default "standard", or AWS_RETRY_MODE). */
  readonly retryMode?: "standard" | "adaptive";
  /** Environment to read instead of `process.env` (tests). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
