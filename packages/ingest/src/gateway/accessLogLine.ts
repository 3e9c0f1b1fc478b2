/**
 * What the gateway logs about one request. It holds no secrets by construction: the API key only by
 * its name, the path without its query string, and no header or body.
 *
 * @example
 * const entry: AccessLogEntry = { time: "2026-01-01T00:00:00.000Z", requestId: "1", method: "PUT", path: "/streams/s/record", route: "putRecord", status: 200, ms: 3, bytesIn: 120, bytesOut: 80, client: "127.0.0.1" };
 */
export interface AccessLogEntry {
  readonly time: string;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly client: string;
  /** The name of the API key used, when keys are required and one matched. */
  readonly apiKey?: string;
  /** Records handed to Kafka or Kinesis. */
  readonly records?: number;
  /** Why the request failed, in the gateway's words (never the body). */
  readonly error?: string;
}

const MAX_PATH = 256;

/**
 * One JSON line for the access log. The path loses its query string (where tokens tend to travel)
 * and is cut to 256 characters, so a hostile client cannot flood the log through it.
 *
 * @example
 * accessLogLine({ time: "t", requestId: "7", method: "GET", path: "/health?token=x", route: "health", status: 200, ms: 1, bytesIn: 0, bytesOut: 15, client: "127.0.0.1" });
 * // '{"time":"t","requestId":"7","method":"GET","path":"/health","route":"health","status":200,"ms":1,"bytesIn":0,"bytesOut":15,"client":"127.0.0.1"}'
 */
export function accessLogLine(entry: AccessLogEntry): string {
  const path = (entry.path.split("?", 1)[0] ?? "").slice(0, MAX_PATH);
  return JSON.stringify({ ...entry, path, method: entry.method.slice(0, 16) });
}
