import {
  decodeRestProxyProduceResponse,
  encodeRestProxyProduce,
  type JsonRecord,
  REST_PROXY_JSON_V2_CONTENT_TYPE,
} from "@pinpipe/ingest";
import type { DeliverHttpBatchesOptions, HttpBatchAnswer } from "./deliverHttpBatches";
import { EMULATOR_TABLES, type EmulatorSink } from "./emulatorSink";
import { httpTablesSink } from "./httpTablesSink";

/**
 * Options of {@link restProxyEmulatorSink}: the proxy's base URL (before `/topics`), the Kafka topic
 * prefix (topics `<topicPrefix>.pin`, `.geo`, `.user`) and how requests are sized and retried.
 *
 * @example
 * const options: RestProxyEmulatorSinkOptions = { url: "http://127.0.0.1:8082", topicPrefix: "pinpipe", delivery };
 */
export interface RestProxyEmulatorSinkOptions {
  readonly url: string;
  readonly topicPrefix: string;
  readonly delivery: DeliverHttpBatchesOptions;
}

/** The proxy's `error_code` for a Kafka error that may go away: the record may be sent again. */
const RETRIABLE_ERROR_CODE = 2;

/** Reads a produce response: records with the retriable code are resent, any other code fails the run. */
function readProduceAnswer(body: string, batch: readonly JsonRecord[]): HttpBatchAnswer {
  const decoded = decodeRestProxyProduceResponse(body);
  if (!decoded.ok) throw new Error(`the answer is not a produce response: ${decoded.reason}`);
  const offsets = decoded.value;
  if (offsets.length !== batch.length) {
    throw new Error(`the answer has ${offsets.length} offsets for ${batch.length} records`);
  }
  const resend: number[] = [];
  let firstError = "";
  for (const [position, offset] of offsets.entries()) {
    if (offset.error_code === null) continue;
    if (offset.error_code !== RETRIABLE_ERROR_CODE) {
      throw new Error(`record ${position} was refused (error_code ${offset.error_code}: ${offset.error})`);
    }
    resend.push(position);
    if (firstError === "") firstError = offset.error;
  }
  return {
    resend,
    reason: `${resend.length} of ${batch.length} records failed (error_code ${RETRIABLE_ERROR_CODE}: ${firstError})`,
  };
}

/**
 * Posts each table's records to a Confluent REST Proxy v2 as the original batch emulator did:
 * `POST <url>/topics/<topicPrefix>.<table>` with `Content-Type: application/vnd.kafka.json.v2+json` and
 * `{"records":[{"value":{...}}]}`, `delivery.perRequest` records per request (the original sent one).
 * Records of a table go one request after another, in order; the three tables in parallel. Records
 * the answer marks with `error_code` 2 (retriable) are sent again alone; any other `error_code` fails
 * the run, as do statuses {@link deliverHttpBatches} does not retry.
 *
 * @example
 * const sink = restProxyEmulatorSink({ url: "http://127.0.0.1:8082", topicPrefix: "pinpipe", delivery });
 * await sink.send([post]);
 * await sink.close(); // "3 requests, 0 retried, 0 records resent"
 */
export function restProxyEmulatorSink(options: RestProxyEmulatorSinkOptions): EmulatorSink {
  const base = options.url.replace(/\/+$/, "");
  return httpTablesSink<JsonRecord>({
    description: `REST proxy ${base}/topics/${options.topicPrefix}.{${EMULATOR_TABLES.join(",")}}`,
    delivery: options.delivery,
    recordsOf: (posts, table) => posts.flatMap((post) => (post[table] === undefined ? [] : [post[table]])),
    protocolFor: (table) => ({
      request: (batch) => ({
        method: "POST",
        url: `${base}/topics/${encodeURIComponent(`${options.topicPrefix}.${table}`)}`,
        contentType: REST_PROXY_JSON_V2_CONTENT_TYPE,
        body: encodeRestProxyProduce(batch.map((value) => ({ value }))).body,
      }),
      readAnswer: readProduceAnswer,
    }),
  });
}
