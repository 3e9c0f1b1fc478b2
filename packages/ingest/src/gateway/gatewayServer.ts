import { randomBytes } from "node:crypto";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { API_GATEWAY_MAX_BODY_BYTES } from "../apiGateway/bodyByteLimit";
import { accessLogLine } from "./accessLogLine";
import type { ApiKeyRing } from "./apiKeys";
import { apiGatewayError, type GatewayAnswer, restProxyError } from "./gatewayAnswer";
import { type GatewayRoute, parseGatewayRoute } from "./gatewayRoute";
import type { KafkaGatewayBackend } from "./kafkaGatewayBackend";
import { callKinesisThroughApiGateway } from "./kinesisProxy";
import { createRateLimiter, type RateLimiter } from "./rateLimiter";
import { readRequestBody } from "./readRequestBody";
import { createRecordPartitioner } from "./recordPartitioner";
import { produceThroughRestProxy } from "./restProxyProduce";

/**
 * Options of {@link startGatewayServer}. Every limit has the default of the service it stands in for.
 *
 * @example
 * const options: GatewayServerOptions = { port: 8080, stage: "test", kafka, kinesis, rate: { ratePerSecond: 100 } };
 */
export interface GatewayServerOptions {
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** Stage every route but the health check sits under, as `/test` on an invoke URL (default none). */
  readonly stage?: string;
  /** Kafka behind `/topics/{topic}`; without it those routes answer 503. */
  readonly kafka?: KafkaGatewayBackend;
  /** Kinesis behind `/streams…`; without it those routes answer 503. */
  readonly kinesis?: KinesisClient;
  /** Keys a request must present in `x-api-key`; without a ring no key is asked. */
  readonly apiKeys?: ApiKeyRing;
  /** Per-client token bucket (per API key name, else per client address); none by default. */
  readonly rate?: { readonly ratePerSecond: number; readonly burst?: number };
  /** Largest request body in bytes (default 10 MiB, API Gateway's payload limit): larger is 413. */
  readonly maxBodyBytes?: number;
  /** Milliseconds the headers and body of a request may take to arrive (default 30000): then 408. */
  readonly requestTimeoutMs?: number;
  /** Milliseconds an idle keep-alive connection is kept (default 5000). */
  readonly idleTimeoutMs?: number;
  /** Milliseconds Kafka or Kinesis may take to answer (default 29000, API Gateway's): then 504. */
  readonly integrationTimeoutMs?: number;
  /** Serve HTTPS with this PEM certificate (chain) and key. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Receives one JSON access-log line per request (default: none). */
  readonly log?: (line: string) => void;
  /** Shards of a stream created without ShardCount (default 5, the mapping template's). */
  readonly defaultShardCount?: number;
  /** Clock of the rate limiter (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * A gateway that is listening. `drain` stops it gracefully: no new connections, idle ones closed,
 * requests in flight answered (with `Connection: close`), then resolves; connections still busy after
 * `timeoutMs` are cut and counted in `forced`.
 *
 * @example
 * const gateway: RunningGateway = await startGatewayServer({ kafka, kinesis });
 * await gateway.drain();
 */
export interface RunningGateway {
  /** Base URL including the stage, e.g. `http://127.0.0.1:41234/test`. */
  readonly url: string;
  readonly port: number;
  /** Requests received and not yet answered. */
  inFlight(): number;
  drain(timeoutMs?: number): Promise<{ readonly forced: number }>;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Which API a route belongs to decides how its errors are worded. */
const isRestProxy = (route: GatewayRoute) =>
  route.kind === "produce" ||
  route.kind === "restProxyNotFound" ||
  route.kind === "restProxyMethodNotAllowed";

function refusal(route: GatewayRoute, status: number, message: string): GatewayAnswer {
  return isRestProxy(route) ? restProxyError(status, status, message) : apiGatewayError(status, message);
}

/** Answers that need neither the body nor a backend. */
function answerWithoutBody(route: GatewayRoute, draining: boolean): GatewayAnswer | undefined {
  switch (route.kind) {
    case "health":
      return {
        status: draining ? 503 : 200,
        contentType: "application/json",
        body: JSON.stringify({ status: draining ? "draining" : "ok" }),
      };
    case "missingRoute":
      return apiGatewayError(403, "Missing Authentication Token");
    case "badPath":
      return apiGatewayError(400, `Bad Request: ${route.reason}`);
    case "invalidStreamName":
      return apiGatewayError(400, route.reason);
    case "restProxyNotFound":
      return restProxyError(404, route.reason.startsWith("Topic") ? 40401 : 404, route.reason);
    case "restProxyMethodNotAllowed":
      return restProxyError(405, 405, "HTTP 405 Method Not Allowed");
    default:
      return undefined;
  }
}

/**
 * Starts the HTTP front door of the original pipeline: the Confluent REST Proxy v2 produce API on
 * `/topics/{topic}` onto Kafka and the API Gateway Kinesis routes on `/streams…` onto Kinesis (see
 * {@link produceThroughRestProxy} and {@link callKinesisThroughApiGateway}), under an optional stage,
 * with what a production API Gateway adds: `x-api-key` checks (403 "Forbidden"), a per-client token
 * bucket (429 with Retry-After), a body limit (413), a request timeout (408), an integration timeout
 * (504), `GET /health` and `/ping`, TLS, one JSON access-log line per request (no key, header or body)
 * and a graceful drain. Unknown routes answer 403 "Missing Authentication Token" like API Gateway;
 * nothing is forwarded for a request refused for any reason.
 *
 * @example
 * const gateway = await startGatewayServer({ stage: "test", kafka, kinesis, log: (line) => console.log(line) });
 * await fetch(`${gateway.url}/topics/0a1b.pin`, { method: "POST", headers: { "content-type": "application/vnd.kafka.json.v2+json" }, body: '{"records":[{"value":{"index":1}}]}' });
 * await gateway.drain();
 */
export async function startGatewayServer(options: GatewayServerOptions = {}): Promise<RunningGateway> {
  const maxBodyBytes = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 29_000;
  const limiter: RateLimiter | undefined =
    options.rate === undefined
      ? undefined
      : createRateLimiter({ ...options.rate, ...(options.now === undefined ? {} : { now: options.now }) });
  const partitioner = createRecordPartitioner();
  const idPrefix = randomBytes(4).toString("hex");
  let nextId = 0;
  let inFlight = 0;
  let draining = false;

  const forward = async (
    route: GatewayRoute,
    request: IncomingMessage,
    body: string,
  ): Promise<GatewayAnswer> => {
    const contentType = request.headers["content-type"];
    if (route.kind === "produce") {
      if (options.kafka === undefined)
        return restProxyError(503, 50302, "this gateway serves no Kafka cluster");
      return produceThroughRestProxy(
        { topic: route.topic, contentType, accept: request.headers.accept, body },
        options.kafka,
        partitioner,
      );
    }
    if (options.kinesis === undefined) return apiGatewayError(503, "this gateway serves no Kinesis endpoint");
    if (route.kind === "listStreams")
      return callKinesisThroughApiGateway({ kind: route.kind, contentType, body }, options.kinesis);
    if (!("stream" in route)) return apiGatewayError(403, "Missing Authentication Token");
    return callKinesisThroughApiGateway(
      { kind: route.kind, stream: route.stream, contentType, body },
      options.kinesis,
      options.defaultShardCount === undefined ? {} : { defaultShardCount: options.defaultShardCount },
    );
  };

  const withTimeout = (work: Promise<GatewayAnswer>): Promise<GatewayAnswer> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<GatewayAnswer>((resolve) => {
      timer = setTimeout(
        () => resolve(apiGatewayError(504, "Endpoint request timed out")),
        integrationTimeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    inFlight++;
    const started = performance.now();
    const requestId = `${idPrefix}-${++nextId}`;
    const method = request.method ?? "";
    const route = parseGatewayRoute(method, request.url ?? "", options.stage);
    let bytesIn = 0;
    let apiKey: string | undefined;
    let internalError: string | undefined;
    let closeAfter = false;
    let answer: GatewayAnswer | undefined;
    let payload: Buffer | undefined;
    // Registered first: a client that leaves while Kafka or Kinesis is still working is logged too.
    response.once("close", () => {
      inFlight--;
      options.log?.(
        accessLogLine({
          time: new Date().toISOString(),
          requestId,
          method,
          path: request.url ?? "",
          route: route.kind,
          // 499: the client closed the connection before an answer was written (nginx's code).
          status: answer === undefined || !response.headersSent ? 499 : answer.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          bytesIn,
          bytesOut: payload?.length ?? 0,
          client: request.socket.remoteAddress ?? "",
          ...(apiKey === undefined ? {} : { apiKey }),
          ...(answer?.records === undefined ? {} : { records: answer.records }),
          ...(internalError === undefined ? {} : { error: internalError }),
        }),
      );
    });
    try {
      answer =
        answerWithoutBody(route, draining) ??
        (await (async () => {
          if (options.apiKeys !== undefined) {
            const name = options.apiKeys.match(request.headers["x-api-key"] as string | undefined);
            if (name === null) return apiGatewayError(403, "Forbidden");
            apiKey = name;
          }
          if (limiter !== undefined) {
            const verdict = limiter.take(apiKey ?? `address:${request.socket.remoteAddress ?? "?"}`);
            if (!verdict.allowed) {
              return apiGatewayError(429, "Too Many Requests", {
                "retry-after": String(verdict.retryAfterSeconds),
              });
            }
          }
          const outcome = await readRequestBody(request, maxBodyBytes, requestTimeoutMs);
          if (!outcome.ok) {
            closeAfter = true;
            if (outcome.problem === "tooLarge") return refusal(route, 413, "Request Too Long");
            return refusal(route, 408, outcome.problem === "timeout" ? "Request Timeout" : "Request aborted");
          }
          bytesIn = outcome.body.length;
          let body: string;
          try {
            body = UTF8.decode(outcome.body);
          } catch {
            return refusal(route, 400, "the body is not valid UTF-8");
          }
          return withTimeout(forward(route, request, body));
        })());
    } catch (error) {
      internalError = error instanceof Error ? error.message : String(error);
      answer = refusal(route, 500, "Internal server error");
    }
    if (!closeAfter && !request.complete) {
      // Refused before its body was read (route, key, rate): the rest is read and dropped, and the
      // connection stays usable; a body that never ends meets the server's request timeout.
      request.on("error", () => {});
      request.resume();
    }
    payload = Buffer.from(answer.body, "utf8");
    const headers: Record<string, string | number> = {
      "content-type": answer.contentType,
      "content-length": payload.length,
      "x-amzn-requestid": requestId,
      ...answer.headers,
    };
    if (closeAfter || draining) headers.connection = "close";
    if (response.destroyed || request.socket.destroyed) return;
    response.writeHead(answer.status, headers);
    response.end(method === "HEAD" ? undefined : payload, () => {
      if (closeAfter) request.socket.destroySoon();
    });
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error) => {
      // Only a failure writing the answer gets here: the connection is beyond saving.
      options.log?.(JSON.stringify({ time: new Date().toISOString(), error: String(error) }));
      response.destroy();
    });
  };
  const serverOptions = {
    requestTimeout: requestTimeoutMs + 5_000,
    headersTimeout: requestTimeoutMs,
    keepAliveTimeout: options.idleTimeoutMs ?? 5_000,
    connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
  };
  const server: Server =
    options.tls === undefined
      ? createHttpServer(serverOptions, listener)
      : createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const scheme = options.tls === undefined ? "http" : "https";
  let drained: Promise<{ forced: number }> | undefined;
  return {
    url: `${scheme}://${host}:${address.port}${options.stage === undefined ? "" : `/${options.stage}`}`,
    port: address.port,
    inFlight: () => inFlight,
    drain(timeoutMs = 30_000) {
      drained ??= new Promise((resolve) => {
        draining = true;
        let forced = 0;
        const timer = setTimeout(() => {
          forced = inFlight;
          server.closeAllConnections();
        }, timeoutMs);
        server.close(() => {
          clearTimeout(timer);
          resolve({ forced });
        });
        server.closeIdleConnections();
      });
      return drained;
    },
  };
}
