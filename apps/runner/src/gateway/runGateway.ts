import type { KinesisClient } from "@aws-sdk/client-kinesis";
import {
  type ApiKeyRing,
  createKafkaGatewayBackend,
  type KafkaGatewayBackend,
  startGatewayServer,
} from "@pinpipe/ingest/gateway";

/**
 * What `pinpipe gateway` runs with, already read and checked from its options.
 *
 * @example
 * const settings: GatewaySettings = { host: "127.0.0.1", port: 8080, drainTimeoutMs: 30_000, kinesis };
 */
export interface GatewaySettings {
  readonly host: string;
  readonly port: number;
  readonly stage?: string;
  readonly brokers?: readonly string[];
  readonly kinesis: KinesisClient;
  readonly apiKeys?: ApiKeyRing;
  readonly rate?: { readonly ratePerSecond: number; readonly burst?: number };
  readonly maxBodyBytes?: number;
  readonly requestTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly integrationTimeoutMs?: number;
  readonly defaultShardCount?: number;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly drainTimeoutMs: number;
}

/**
 * Runs the gateway until `signal` aborts, then drains it (no new connections, requests in flight
 * answered, up to `drainTimeoutMs`) and closes the Kafka producer and Kinesis client. Access-log lines
 * go to `log`, one notice line when listening and one when drained to `notice`.
 *
 * @example
 * await runGateway(settings, shutdown.signal, (line) => stdout.write(`${line}\n`), (line) => stderr.write(`${line}\n`));
 */
export async function runGateway(
  settings: GatewaySettings,
  signal: AbortSignal,
  log: (line: string) => void,
  notice: (line: string) => void,
): Promise<{ readonly forced: number }> {
  const kafka: KafkaGatewayBackend | undefined =
    settings.brokers === undefined ? undefined : createKafkaGatewayBackend({ brokers: settings.brokers });
  try {
    const gateway = await startGatewayServer({
      host: settings.host,
      port: settings.port,
      kinesis: settings.kinesis,
      log,
      ...(settings.stage === undefined ? {} : { stage: settings.stage }),
      ...(kafka === undefined ? {} : { kafka }),
      ...(settings.apiKeys === undefined ? {} : { apiKeys: settings.apiKeys }),
      ...(settings.rate === undefined ? {} : { rate: settings.rate }),
      ...(settings.maxBodyBytes === undefined ? {} : { maxBodyBytes: settings.maxBodyBytes }),
      ...(settings.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: settings.requestTimeoutMs }),
      ...(settings.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: settings.idleTimeoutMs }),
      ...(settings.integrationTimeoutMs === undefined
        ? {}
        : { integrationTimeoutMs: settings.integrationTimeoutMs }),
      ...(settings.defaultShardCount === undefined ? {} : { defaultShardCount: settings.defaultShardCount }),
      ...(settings.tls === undefined ? {} : { tls: settings.tls }),
    });
    const keys = settings.apiKeys === undefined ? "no API keys" : `${settings.apiKeys.size} API key(s)`;
    notice(
      `pinpipe gateway: listening on ${gateway.url} (REST proxy → ${settings.brokers?.join(",") ?? "no Kafka"}; Kinesis routes; ${keys})`,
    );
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    notice(`pinpipe gateway: draining (${gateway.inFlight()} request(s) in flight)`);
    const drained = await gateway.drain(settings.drainTimeoutMs);
    notice(`pinpipe gateway: stopped${drained.forced > 0 ? `, ${drained.forced} request(s) cut off` : ""}`);
    return drained;
  } finally {
    await kafka?.close();
    settings.kinesis.destroy();
  }
}
