import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsClientOptions } from "./awsClientOptions";
import { resolveAwsClientSettings } from "./resolveAwsClientSettings";

/**
 * Options of {@link createKinesisClient}.
 *
 * @example
 * ```ts
 * const options: KinesisClientOptions = { endpoint: "http://127.0.0.1:4567", requestTimeoutMs: 10_000 };
 * ```
 */
export interface KinesisClientOptions extends AwsClientOptions {
  /** Milliseconds to establish a connection before failing the attempt (default 5000). */
  readonly connectionTimeoutMs?: number;
  /** Milliseconds of socket inactivity before failing the attempt (default 30000). */
  readonly requestTimeoutMs?: number;
}

/**
 * A Kinesis client for AWS or a local Kinesis-compatible server, configured by
 * {@link resolveAwsClientSettings}. It always talks HTTP/1.1: the SDK's Kinesis client defaults to HTTP/2,
 * which local servers reject, and the operations used here (not SubscribeToShard) work over HTTP/1.1 on AWS.
 *
 * @example
 * ```ts
 * import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
 * const kinesis = createKinesisClient({ endpoint: "http://127.0.0.1:4567", retryMode: "adaptive" });
 * await kinesis.send(new ListStreamsCommand({}));
 * kinesis.destroy();
 * ```
 */
export function createKinesisClient(options: KinesisClientOptions = {}): KinesisClient {
  const settings = resolveAwsClientSettings("kinesis", options);
  return new KinesisClient({
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(settings.maxAttempts === undefined ? {} : { maxAttempts: settings.maxAttempts }),
    ...(settings.retryMode === undefined ? {} : { retryMode: settings.retryMode }),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
    }),
  });
}
