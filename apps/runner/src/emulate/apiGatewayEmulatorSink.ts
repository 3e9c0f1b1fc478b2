import {
  decodeApiGatewayPutRecordResponse,
  decodeApiGatewayPutRecordsResponse,
  encodeApiGatewayPutRecord,
  encodeApiGatewayPutRecords,
  type JsonRecord,
  type KinesisProxyRecordResult,
} from "@pinpipe/ingest";
import type { DeliverHttpBatchesOptions, HttpBatchAnswer, HttpBatchProtocol } from "./deliverHttpBatches";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";
import { httpTablesSink } from "./httpTablesSink";
import type { PartitionKeyMode } from "./kinesisEmulatorSink";
import { isRetryableKinesisErrorCode } from "./retryableKinesisErrorCode";

/**
 * Options of {@link apiGatewayEmulatorSink}: the API's invoke URL (stage included), the stream of
 * each table, how partition keys are chosen (as for Kinesis) and how requests are sized and retried.
 *
 * @example
 * const options: ApiGatewayEmulatorSinkOptions = { url: "https://abc.execute-api.us-east-1.amazonaws.com/test", streams, partitionKey: "table", delivery };
 */
export interface ApiGatewayEmulatorSinkOptions {
  readonly url: string;
  readonly streams: Readonly<Record<EmulatorTable, string>>;
  readonly partitionKey: PartitionKeyMode;
  readonly delivery: DeliverHttpBatchesOptions;
}

interface KeyedRecord {
  readonly data: JsonRecord;
  readonly partitionKey: string;
}

/** Sorts Kinesis's answers for a batch into entries to resend; a failure no retry fixes throws. */
function sortResults(results: readonly KinesisProxyRecordResult[], batchSize: number): HttpBatchAnswer {
  if (results.length !== batchSize) {
    throw new Error(`the answer has ${results.length} results for ${batchSize} records`);
  }
  const resend: number[] = [];
  let firstError = "";
  for (const [position, result] of results.entries()) {
    if (!("errorCode" in result)) continue;
    const said = `${result.errorCode}: ${result.errorMessage}`;
    if (!isRetryableKinesisErrorCode(result.errorCode))
      throw new Error(`record ${position} was refused (${said})`);
    resend.push(position);
    if (firstError === "") firstError = said;
  }
  return { resend, reason: `${resend.length} of ${batchSize} records failed (${firstError})` };
}

/**
 * Sends each table's records through an API Gateway Kinesis proxy as the original streaming
 * emulator did: with one record per request, `PUT <url>/streams/<stream>/record` with
 * `{"StreamName","Data","PartitionKey"}`; with more, `PUT <url>/streams/<stream>/records` with
 * `{"records":[{"data","partition-key"}]}`. The answers are Kinesis's, passed through: records Kinesis
 * refused for throttling or an internal failure are sent again alone; any other refusal fails the
 * run, as do statuses {@link deliverHttpBatches} does not retry. Records of a table go one request
 * after another, in order; the three tables in parallel.
 *
 * @example
 * const sink = apiGatewayEmulatorSink({ url, streams: { pin: "p", geo: "g", user: "u" }, partitionKey: "ind", delivery });
 * await sink.send([post]);
 */
export function apiGatewayEmulatorSink(options: ApiGatewayEmulatorSinkOptions): EmulatorSink {
  const { streams, delivery } = options;
  const base = options.url.replace(/\/+$/, "");
  const single = delivery.perRequest === 1;
  const protocolFor = (stream: string): HttpBatchProtocol<KeyedRecord> => ({
    request: (batch) => ({
      method: "PUT",
      url: `${base}/streams/${encodeURIComponent(stream)}/${single ? "record" : "records"}`,
      contentType: "application/json",
      body: single
        ? encodeApiGatewayPutRecord({ streamName: stream, ...batch[0]! })
        : encodeApiGatewayPutRecords(batch),
    }),
    readAnswer: (body, batch) => {
      const decoded = single
        ? decodeApiGatewayPutRecordResponse(body)
        : decodeApiGatewayPutRecordsResponse(body);
      if (!decoded.ok)
        throw new Error(
          `the answer is not a Kinesis ${single ? "PutRecord" : "PutRecords"} response: ${decoded.reason}`,
        );
      return sortResults(Array.isArray(decoded.value) ? decoded.value : [decoded.value], batch.length);
    },
  });
  return httpTablesSink({
    description: `API Gateway ${base} (streams ${EMULATOR_TABLES.map((t) => streams[t]).join(", ")})`,
    delivery,
    recordsOf: (posts, table) => {
      const records: KeyedRecord[] = [];
      for (const post of posts) {
        const data = post[table];
        if (data === undefined) continue;
        records.push({ data, partitionKey: options.partitionKey === "ind" ? String(post.row) : table });
      }
      return records;
    },
    protocolFor: (table) => protocolFor(streams[table]),
  });
}
