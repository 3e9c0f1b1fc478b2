import {
  decodeRestProxyProduce,
  encodeRestProxyProduceResponse,
  type JsonRecord,
  REST_PROXY_JSON_V2_CONTENT_TYPE,
  type RestProxyOffset,
} from "@pinpipe/ingest";
import { type HandlerAnswer, type LoopbackServer, listenOnLoopback } from "./listenOnLoopback";

/**
 * Faults a {@link startFakeRestProxy} injects, counted per topic so runs are reproducible.
 *
 * @example
 * const faults: RestProxyFaults = { unavailableEvery: 4, retriableErrorEvery: 3 };
 */
export interface RestProxyFaults {
  /** Every n-th request to a topic is answered 503 and stores nothing. */
  readonly unavailableEvery?: number;
  /** Every n-th record received on a topic is answered `error_code` 2 and not stored. */
  readonly retriableErrorEvery?: number;
  /** Answer every request with this status and body instead. */
  readonly refuseWith?: HandlerAnswer;
}

/**
 * A Confluent REST Proxy v2 stand-in: `POST /topics/<topic>` bodies decoded with the package
 * decoder, records stored per topic in the order accepted, answers as the proxy's.
 *
 * @example
 * const proxy = await startFakeRestProxy();
 * proxy.topics.get("pinpipe.pin"); // records received
 */
export interface FakeRestProxy extends LoopbackServer {
  readonly topics: Map<string, JsonRecord[]>;
  /** Requests received, faulty ones included. */
  readonly requests: () => number;
}

/**
 * Starts a {@link FakeRestProxy} on 127.0.0.1.
 *
 * @example
 * const proxy = await startFakeRestProxy({ retriableErrorEvery: 3 });
 */
export async function startFakeRestProxy(faults: RestProxyFaults = {}): Promise<FakeRestProxy> {
  const topics = new Map<string, JsonRecord[]>();
  const requestsPerTopic = new Map<string, number>();
  const recordsPerTopic = new Map<string, number>();
  let requests = 0;
  const error = (status: number, code: number, message: string): HandlerAnswer => ({
    status,
    body: JSON.stringify({ error_code: code, message }),
  });
  const server = await listenOnLoopback((request, body) => {
    requests++;
    if (faults.refuseWith !== undefined) return faults.refuseWith;
    const match = /^\/topics\/([^/]+)$/.exec(request.url ?? "");
    if (request.method !== "POST" || match === null) return error(404, 404, "HTTP 404 Not Found");
    if (request.headers["content-type"] !== REST_PROXY_JSON_V2_CONTENT_TYPE) {
      return error(415, 415, "HTTP 415 Unsupported Media Type");
    }
    const decoded = decodeRestProxyProduce(body);
    if (!decoded.ok) return error(422, 42201, decoded.reason);
    const topic = decodeURIComponent(match[1]!);
    const nth = (requestsPerTopic.get(topic) ?? 0) + 1;
    requestsPerTopic.set(topic, nth);
    if (faults.unavailableEvery !== undefined && nth % faults.unavailableEvery === 0) {
      return error(503, 50301, "Kafka broker unavailable");
    }
    const stored = topics.get(topic) ?? [];
    topics.set(topic, stored);
    const offsets: RestProxyOffset[] = decoded.value.map((record) => {
      const seen = (recordsPerTopic.get(topic) ?? 0) + 1;
      recordsPerTopic.set(topic, seen);
      if (faults.retriableErrorEvery !== undefined && seen % faults.retriableErrorEvery === 0) {
        return { partition: null, offset: null, error_code: 2, error: "NOT_LEADER_FOR_PARTITION" };
      }
      stored.push(record.value);
      return { partition: 0, offset: stored.length - 1, error_code: null, error: null };
    });
    return {
      status: 200,
      body: encodeRestProxyProduceResponse(offsets),
      contentType: "application/vnd.kafka.v2+json",
    };
  });
  return { ...server, topics, requests: () => requests };
}
