import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { isKinesisStreamName } from "./kinesisStreamName";

/** Which Kinesis action an API Gateway Kinesis proxy request maps to, and on which stream. */
export interface KinesisProxyRoute {
  readonly action: "PutRecord" | "PutRecords";
  readonly streamName: string;
}

/**
 * Routes a request of the original pipeline's API Gateway Kinesis proxy: `PUT /streams/{stream-name}/record`
 * maps to PutRecord and `PUT /streams/{stream-name}/records` to PutRecords. The path may start with one
 * stage segment (as in `/test/streams/...` on an execute-api URL) and carry a query string; the stream
 * name is percent-decoded and must be a legal Kinesis stream name.
 *
 * @example
 * parseKinesisProxyRoute("PUT", "/test/streams/streaming-0a1b-pin/record");
 * // { ok: true, value: { action: "PutRecord", streamName: "streaming-0a1b-pin" } }
 */
export function parseKinesisProxyRoute(method: string, path: string): DecodeResult<KinesisProxyRoute> {
  if (method !== "PUT") return rejected(`method ${String(method)} is not PUT`);
  if (typeof path !== "string") return rejected("path is not a string");
  const withoutQuery = path.split("?", 1)[0] ?? "";
  const match = /^(?:\/[^/]+)?\/streams\/([^/]+)\/(record|records)\/?$/.exec(withoutQuery);
  if (match === null) return rejected(`path ${withoutQuery} is not /streams/{stream-name}/record(s)`);
  let streamName: string;
  try {
    streamName = decodeURIComponent(match[1]!);
  } catch {
    return rejected("stream name is not valid percent-encoding");
  }
  if (!isKinesisStreamName(streamName)) return rejected(`'${streamName}' is not a Kinesis stream name`);
  return decoded({ action: match[2] === "record" ? "PutRecord" : "PutRecords", streamName });
}
