import type { KinesisClient } from "@aws-sdk/client-kinesis";
import {
  createKafkaGatewayBackend,
  type GatewayServerOptions,
  type KafkaGatewayBackend,
  startGatewayServer,
} from "@pinpipe/ingest/gateway";

/**
 * What `pinpipe gateway` runs with, already read and checked from its options.
 *
 * @example
 * const settings: GatewaySettings = { host: "127.0.0.1", port: 8080, drainTimeoutMs: 30_000, kinesis };
 */
export interface GatewaySettings extends Omit<GatewayServerOptions, "kafka" | "kinesis" | "log" | "now"> {
  readonly host: string;
  readonly port: number;
  /** Kafka bootstrap brokers behind `/topics/{topic}`; without them those routes answer 503. */
  readonly brokers?: readonly string[];
  readonly kinesis: KinesisClient;
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
    const { brokers: _brokers, drainTimeoutMs: _drain, ...server } = settings;
    const gateway = await startGatewayServer({ ...server, log, ...(kafka === undefined ? {} : { kafka }) });
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
