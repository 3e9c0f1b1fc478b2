import {
  decodeApiGatewayPutRecord,
  decodeApiGatewayPutRecords,
  encodeApiGatewayPutRecordResponse,
  encodeApiGatewayPutRecordsResponse,
  type JsonRecord,
  type KinesisProxyRecordResult,
  parseKinesisProxyRoute,
} from "@pinpipe/ingest";
import { type HandlerAnswer, type LoopbackServer, listenOnLoopback } from "./listenOnLoopback";

/**
 * Faults a {@link startFakeApiGateway} injects, counted per stream so runs are reproducible.
 *
 * @example
 * const faults: ApiGatewayFaults = { unavailableEvery: 5, throttleEvery: 3 };
 */
export interface ApiGatewayFaults {
  /** Every n-th request to a stream is answered 503 and stores nothing. */
  readonly unavailableEvery?: number;
  /** Every n-th record received on a stream is refused by "Kinesis" with throughput exceeded. */
  readonly throttleEvery?: number;
  /** Every record is refused by "Kinesis" with this (non-retryable) error code. */
  readonly refuseCode?: string;
}

/**
 * What the fake stored for one record.
 *
 * @example
 * const stored: StoredKinesisRecord = { data: { ind: 1 }, partitionKey: "1", action: "PutRecord" };
 */
export interface StoredKinesisRecord {
  readonly data: JsonRecord;
  readonly partitionKey: string;
  readonly action: "PutRecord" | "PutRecords";
}

/**
 * An API Gateway Kinesis proxy stand-in on a stage `/test`: routes and bodies decoded with the package
 * decoders, records stored per stream in the order accepted, Kinesis's answers passed through.
 *
 * @example
 * const api = await startFakeApiGateway();
 * api.streams.get("pinpipe-pin");
 */
export interface FakeApiGateway extends LoopbackServer {
  /** The invoke URL, stage included. */
  readonly invokeUrl: string;
  readonly streams: Map<string, StoredKinesisRecord[]>;
}

/**
 * Starts a {@link FakeApiGateway} on 127.0.0.1.
 *
 * @example
 * const api = await startFakeApiGateway({ throttleEvery: 4 });
 */
export async function startFakeApiGateway(faults: ApiGatewayFaults = {}): Promise<FakeApiGateway> {
  const streams = new Map<string, StoredKinesisRecord[]>();
  const requestsPerStream = new Map<string, number>();
  const recordsPerStream = new Map<string, number>();
  const message = (status: number, text: string): HandlerAnswer => ({
    status,
    body: JSON.stringify({ message: text }),
  });
  const server = await listenOnLoopback((request, body) => {
    const route = parseKinesisProxyRoute(request.method ?? "", request.url ?? "");
    if (!route.ok || !(request.url ?? "").startsWith("/test/")) {
      return message(403, "Missing Authentication Token");
    }
    const { action, streamName } = route.value;
    const nth = (requestsPerStream.get(streamName) ?? 0) + 1;
    requestsPerStream.set(streamName, nth);
    if (faults.unavailableEvery !== undefined && nth % faults.unavailableEvery === 0) {
      return message(503, "Service Unavailable");
    }
    const entries =
      action === "PutRecord"
        ? (() => {
            const decoded = decodeApiGatewayPutRecord(body);
            return decoded.ok ? { ok: true as const, value: [decoded.value] } : decoded;
          })()
        : decodeApiGatewayPutRecords(body);
    if (!entries.ok) return message(400, entries.reason);
    const stored = streams.get(streamName) ?? [];
    streams.set(streamName, stored);
    const results: KinesisProxyRecordResult[] = entries.value.map(({ data, partitionKey }) => {
      const seen = (recordsPerStream.get(streamName) ?? 0) + 1;
      recordsPerStream.set(streamName, seen);
      if (faults.refuseCode !== undefined) {
        return { errorCode: faults.refuseCode, errorMessage: `Stream ${streamName} not found` };
      }
      if (faults.throttleEvery !== undefined && seen % faults.throttleEvery === 0) {
        return {
          errorCode: "ProvisionedThroughputExceededException",
          errorMessage: "Rate exceeded for shard shardId-000000000000",
        };
      }
      stored.push({ data, partitionKey, action });
      return { sequenceNumber: String(10n ** 50n + BigInt(stored.length)), shardId: "shardId-000000000000" };
    });
    // As with the default integration response: Kinesis's answer, errors included, with status 200.
    return {
      status: 200,
      body:
        action === "PutRecord"
          ? encodeApiGatewayPutRecordResponse(results[0]!)
          : encodeApiGatewayPutRecordsResponse(results),
    };
  });
  return { ...server, invokeUrl: `${server.url}/test`, streams };
}
