import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { emptyFaultCounts, type FaultCounts, type FaultKind } from "./faultKind";
import { createFaultChooser, type FaultChooser, type FaultPlan } from "./faultPlan";
import { mergePutRecordsAnswer, splitPutRecords } from "./partialPutRecords";
import { type FaultService, protocolErrorResponse } from "./protocolErrorResponse";

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * const options: FaultProxyOptions = { target: s3.endpoint, service: "s3", plan: { rate: 0.25, seed: 3 } };
 */
export interface FaultProxyOptions {
  /** Base URL of the real server, e.g. `http://127.0.0.1:41234` (http only). */
  readonly target: string;
  /** Whose error format injected errors use. */
  readonly service: FaultService;
  /** Initial plan (default: no faults); {@link FaultProxy.setPlan} replaces it. */
  readonly plan?: FaultPlan;
  /** Port on 127.0.0.1 (default 0: a free one). */
  readonly port?: number;
}

/**
 * One request the proxy saw, and what it did with it.
 *
 * @example
 * const event: FaultEvent = { atMs: 12.5, method: "POST", path: "/", operation: "GetRecords", fault: "throttle" };
 */
export interface FaultEvent {
  /** Milliseconds since the proxy started. */
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  readonly operation: string | undefined;
  /** The fault injected, undefined when the request went through untouched. */
  readonly fault: FaultKind | undefined;
}

/**
 * What the proxy has done so far.
 *
 * @example
 * const stats: FaultProxyStats = proxy.stats();
 * console.log(stats.requests, stats.faults.throttle);
 */
export interface FaultProxyStats {
  readonly requests: number;
  /** Faults actually injected, per kind. */
  readonly faults: FaultCounts;
  /** The last {@link MAX_EVENTS} requests, oldest first. */
  readonly events: readonly FaultEvent[];
}

/**
 * A running fault-injecting reverse proxy.
 *
 * @example
 * const proxy = await startFaultProxy({ target: kinesis.endpoint, service: "kinesis" });
 * const client = createKinesisClient({ endpoint: proxy.endpoint });
 * proxy.setPlan({ rate: 0.3, kinds: ["throttle", "reset"], seed: 11 });
 * await proxy.stop();
 */
export interface FaultProxy {
  /** Base URL to give an SDK client as its endpoint. */
  readonly endpoint: string;
  readonly port: number;
  stats(): FaultProxyStats;
  /** Replaces the plan (its request numbering and PRNG start afresh). */
  setPlan(plan: FaultPlan): void;
  /** Closes the proxy and every connection through it. */
  stop(): Promise<void>;
}

/** Requests kept in {@link FaultProxyStats.events}. */
const MAX_EVENTS = 10_000;

/** Headers that belong to one connection, not to the message, plus `expect` (the proxy answers 100-continue itself). */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
]);

function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts an HTTP/1.1 reverse proxy on 127.0.0.1 that forwards every request to `target` and, following
 * a {@link FaultPlan}, misbehaves the way a real network and a loaded AWS service do (see `FAULT_KINDS`):
 * made-up 500/503 and throttling errors in the service's wire format, pauses, connection resets before
 * the server sees the request, answers cut short after a full `Content-Length` was announced (the server
 * did the work: the client just never learns it), and Kinesis PutRecords calls where part of the entries
 * are refused. It counts what it injected per kind. Test infrastructure: point an SDK client's endpoint
 * at it.
 *
 * @example
 * const proxy = await startFaultProxy({ target: s3.endpoint, service: "s3", plan: { rate: 0.2, seed: 5 } });
 * const client = createS3Client({ endpoint: proxy.endpoint, maxAttempts: 8 });
 * await client.send(new ListObjectsV2Command({ Bucket: "raw" }));
 * proxy.stats().faults; // { error500: 0, throttle: 1, … }
 * await proxy.stop();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.protocol !== "http:")
    throw new RangeError(`fault proxy: target must be http, got ${options.target}`);
  let chooser: FaultChooser = createFaultChooser(options.plan ?? {});
  const faults = emptyFaultCounts();
  const events: FaultEvent[] = [];
  let requests = 0;
  const started = performance.now();
  // A fresh connection per upstream request: a pooled socket the server has just closed for idleness
  // fails on reuse, which would be a fault nobody planned (seen in CI: a truncated answer whose request
  // never reached the server, so the retry stored the records once instead of twice).
  const agent = new Agent({ keepAlive: false });

  /** Sends a request to the server; resolves with its answer (body unread), rejects on a network error. */
  const toServer = (req: IncomingMessage, body: Buffer | string | undefined): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers = endToEndHeaders(req.headers);
      if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        resolve,
      );
      upstream.on("error", reject);
      if (body !== undefined) upstream.end(body);
      else {
        req.on("error", (error) => upstream.destroy(error));
        req.pipe(upstream);
      }
    });

  const relay = (from: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(from.statusCode ?? 502, endToEndHeaders(from.headers));
    from.pipe(res);
    from.on("error", () => res.destroy());
  };

  const answerFailedUpstream = (res: ServerResponse, error: unknown): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(`fault proxy: server unreachable: ${error instanceof Error ? error.message : String(error)}`);
  };

  const truncated = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = await toServer(req, undefined);
    const body = await readBody(answer);
    const socket = res.socket;
    if (body.length === 0) {
      // Nothing to cut: the answer is lost altogether, after the server did the work.
      socket?.destroy();
      return;
    }
    const headers = endToEndHeaders(answer.headers);
    headers["content-length"] = body.length;
    res.writeHead(answer.statusCode ?? 200, headers);
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => socket?.destroy());
  };

  const partialPut = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const body = (await readBody(req)).toString("utf8");
    const split = splitPutRecords(body, chooser.partialShare, () => chooser.nextFloat());
    if (split === undefined) {
      relay(await toServer(req, body), res);
      return false;
    }
    let serverAnswer: string | undefined;
    let status = 200;
    let headers: OutgoingHttpHeaders = { "content-type": "application/x-amz-json-1.1" };
    if (split.forwardBody !== undefined) {
      const answer = await toServer(req, split.forwardBody);
      const answerBody = (await readBody(answer)).toString("utf8");
      if (answer.statusCode !== 200) {
        // The forwarded part failed as a whole: pass that on unchanged.
        res.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
        res.end(answerBody);
        return false;
      }
      serverAnswer = answerBody;
      status = answer.statusCode;
      headers = endToEndHeaders(answer.headers);
    }
    const merged = mergePutRecordsAnswer(split, serverAnswer);
    // The server's checksum covered its own answer, not the merged one.
    delete headers["x-amz-crc32"];
    headers["content-length"] = Buffer.byteLength(merged);
    res.writeHead(status, headers);
    res.end(merged);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const amzTarget = req.headers["x-amz-target"];
    const operation = typeof amzTarget === "string" ? amzTarget.split(".").pop() : undefined;
    let fault = chooser.choose({ method, path, operation });
    const record = (): void => {
      if (fault !== undefined) faults[fault] += 1;
      events.push({ atMs: performance.now() - started, method, path, operation, fault });
      if (events.length > MAX_EVENTS) events.shift();
    };
    switch (fault) {
      case "error500":
      case "error503":
      case "throttle": {
        record();
        await readBody(req);
        const answer = protocolErrorResponse(options.service, fault, `pinpipe-fault-${requests}`, method);
        res.writeHead(answer.status, { ...answer.headers, "content-length": Buffer.byteLength(answer.body) });
        res.end(answer.body);
        return;
      }
      case "reset":
        record();
        req.socket.destroy();
        return;
      case "truncate":
        record();
        await truncated(req, res);
        return;
      case "partialPut":
        if (!(await partialPut(req, res))) fault = undefined;
        record();
        return;
      case "delay":
        record();
        await sleep(chooser.delayMs);
        break;
      default:
        record();
    }
    relay(await toServer(req, undefined), res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answerFailedUpstream(res, error));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ requests, faults: { ...faults }, events: [...events] }),
    setPlan(plan) {
      chooser = createFaultChooser(plan);
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
