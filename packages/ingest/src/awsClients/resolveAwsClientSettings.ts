import type { AwsClientOptions } from "./awsClientOptions";

/**
 * What {@link resolveAwsClientSettings} decided for one client. Fields left `undefined` are for the AWS
 * SDK to resolve itself.
 *
 * @example
 * ```ts
 * const settings: AwsClientSettings = { endpoint: "http://127.0.0.1:4568", customEndpoint: true, region: "us-east-1" };
 * ```
 */
export interface AwsClientSettings {
  readonly endpoint?: string;
  /** True when the endpoint is not an AWS one (a local emulator, MinIO, LocalStack...). */
  readonly customEndpoint: boolean;
  readonly region?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly maxAttempts?: number;
  readonly retryMode?: "standard" | "adaptive";
}

/**
 * Credentials used against a non-AWS endpoint when nothing is configured. Local emulators accept any
 * key; "S3RVER" is the one key id a stock s3rver knows.
 *
 * @example
 * ```ts
 * import { S3Client } from "@aws-sdk/client-s3";
 * new S3Client({ endpoint: "http://127.0.0.1:4568", credentials: { ...LOCAL_DUMMY_CREDENTIALS } });
 * ```
 */
export const LOCAL_DUMMY_CREDENTIALS = Object.freeze({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });

/** Environment variables through which the SDK's credential chain would find credentials. */
const CREDENTIAL_ENV_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
] as const;

const AWS_HOST_SUFFIXES = [".amazonaws.com", ".amazonaws.com.cn", ".api.aws"] as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RangeError(`endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RangeError(`endpoint must be http or https: ${JSON.stringify(endpoint)}`);
  }
  return endpoint;
}

function isAwsHost(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return AWS_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * Decides endpoint, region, credentials and retries for an S3 or Kinesis client, following the AWS SDK's
 * standard variables: the option wins, then AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_KINESIS, then
 * AWS_ENDPOINT_URL (both ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true). For a non-AWS endpoint it
 * defaults the region to `us-east-1` and, when no credential source is named in the environment, uses
 * {@link LOCAL_DUMMY_CREDENTIALS} — so the SDK's chain never falls through to the EC2 metadata service
 * just to talk to a local server.
 *
 * @example
 * ```ts
 * resolveAwsClientSettings("s3", { env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4568" } });
 * // { endpoint: "http://127.0.0.1:4568", customEndpoint: true, region: "us-east-1",
 * //   credentials: LOCAL_DUMMY_CREDENTIALS }
 * ```
 */
export function resolveAwsClientSettings(
  service: "s3" | "kinesis",
  options: AwsClientOptions = {},
): AwsClientSettings {
  const env = options.env ?? process.env;
  const ignoreEnvEndpoints = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === "true";
  const serviceVariable = service === "s3" ? "AWS_ENDPOINT_URL_S3" : "AWS_ENDPOINT_URL_KINESIS";
  const rawEndpoint =
    nonEmpty(options.endpoint) ??
    (ignoreEnvEndpoints ? undefined : (nonEmpty(env[serviceVariable]) ?? nonEmpty(env.AWS_ENDPOINT_URL)));
  const endpoint = rawEndpoint === undefined ? undefined : checkEndpoint(rawEndpoint);
  const customEndpoint = endpoint !== undefined && !isAwsHost(endpoint);

  if (
    options.maxAttempts !== undefined &&
    (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)
  ) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${options.maxAttempts}`);
  }
  if (
    options.retryMode !== undefined &&
    options.retryMode !== "standard" &&
    options.retryMode !== "adaptive"
  ) {
    throw new RangeError(`retryMode must be "standard" or "adaptive", got ${String(options.retryMode)}`);
  }

  const region =
    nonEmpty(options.region) ?? nonEmpty(env.AWS_REGION) ?? (customEndpoint ? "us-east-1" : undefined);
  const credentialsConfigured = CREDENTIAL_ENV_VARIABLES.some((name) => nonEmpty(env[name]) !== undefined);
  // Copies: the SDK tags the credentials object it is given, which fails on a frozen or shared one.
  const given =
    options.credentials ?? (customEndpoint && !credentialsConfigured ? LOCAL_DUMMY_CREDENTIALS : undefined);
  const credentials = given === undefined ? undefined : { ...given };

  return {
    customEndpoint,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(region === undefined ? {} : { region }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.retryMode === undefined ? {} : { retryMode: options.retryMode }),
  };
}
