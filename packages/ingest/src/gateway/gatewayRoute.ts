import { isKinesisStreamName } from "../apiGateway/kinesisStreamName";
import { isKafkaTopic } from "../kafkaConnect/kafkaTopic";

/**
 * What a gateway request asks for, read from its method and path alone (no body, no headers), so a
 * refused request is known before anything is read or forwarded.
 *
 * - `health`: `GET|HEAD /health` or `/ping`, at the root or under the stage;
 * - `produce`: the REST Proxy v2 `POST /topics/{topic}`;
 * - `listStreams` … `putRecords`: the API Gateway Kinesis routes;
 * - `restProxyNotFound` / `restProxyMethodNotAllowed`: a `/topics…` request the proxy would refuse
 *   (an illegal topic name is a topic that cannot exist);
 * - `invalidStreamName`: a Kinesis route whose stream name Kinesis would refuse;
 * - `missingRoute`: any other method or path (API Gateway's "Missing Authentication Token");
 * - `badPath`: dot segments, empty segments or broken percent-encoding (path traversal attempts).
 *
 * @example
 * const route: GatewayRoute = { kind: "putRecord", stream: "streaming-0a1b-pin" };
 */
export type GatewayRoute =
  | { readonly kind: "health" }
  | { readonly kind: "produce"; readonly topic: string }
  | { readonly kind: "listStreams" }
  | {
      readonly kind: "describeStream" | "createStream" | "deleteStream" | "putRecord" | "putRecords";
      readonly stream: string;
    }
  | { readonly kind: "restProxyNotFound"; readonly reason: string }
  | { readonly kind: "restProxyMethodNotAllowed"; readonly method: string }
  | { readonly kind: "invalidStreamName"; readonly reason: string }
  | { readonly kind: "missingRoute" }
  | { readonly kind: "badPath"; readonly reason: string };

/** Route kinds that reach Kafka or Kinesis. */
export type ForwardedRouteKind =
  | "produce"
  | "listStreams"
  | "describeStream"
  | "createStream"
  | "deleteStream"
  | "putRecord"
  | "putRecords";

const STREAM_ROUTES: Readonly<Record<string, "describeStream" | "createStream" | "deleteStream">> = {
  GET: "describeStream",
  POST: "createStream",
  DELETE: "deleteStream",
};

/** The decoded path segments, or why the path is refused. */
function pathSegments(target: string): string[] | string {
  const path = target.split("?", 1)[0] ?? "";
  if (!path.startsWith("/")) return "the path does not start with /";
  // One trailing slash is tolerated, as API Gateway does; any other empty segment is not.
  const raw = path.slice(1).replace(/\/$/, "");
  if (raw === "") return [];
  const segments: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "") return "the path has an empty segment";
    let text: string;
    try {
      text = decodeURIComponent(segment);
    } catch {
      return "the path is not valid percent-encoding";
    }
    // Refused outright, encoded or not: nothing here may climb out of the route it names.
    if (text === "." || text === "..") return "the path has a dot segment";
    segments.push(text);
  }
  return segments;
}

/**
 * Reads a gateway request's route from its method and request target (path and optional query). With
 * a `stage`, every route but the health check must start with `/<stage>`, as on an API Gateway invoke
 * URL; without one, routes start at the root. Names are percent-decoded and checked: Kafka topics
 * (1 to 249 of `[a-zA-Z0-9._-]`) and Kinesis streams (1 to 128 of the same), so an encoded `/` or
 * `..` can never reach a backend.
 *
 * @example
 * parseGatewayRoute("POST", "/test/topics/0a1b.pin", "test"); // { kind: "produce", topic: "0a1b.pin" }
 * parseGatewayRoute("PUT", "/streams/s1/record?x=1"); // { kind: "putRecord", stream: "s1" }
 * parseGatewayRoute("GET", "/test/streams/%2e%2e", "test").kind; // "badPath"
 * parseGatewayRoute("GET", "/test/streams/..%2Fetc", "test").kind; // "invalidStreamName"
 */
export function parseGatewayRoute(method: string, target: string, stage?: string): GatewayRoute {
  const segments = pathSegments(target);
  if (typeof segments === "string") return { kind: "badPath", reason: segments };
  const isHealth = (rest: readonly string[]) =>
    (method === "GET" || method === "HEAD") &&
    rest.length === 1 &&
    (rest[0] === "health" || rest[0] === "ping");
  if (isHealth(segments)) return { kind: "health" };
  let rest = segments;
  if (stage !== undefined) {
    if (segments[0] !== stage) return { kind: "missingRoute" };
    rest = segments.slice(1);
    if (isHealth(rest)) return { kind: "health" };
  }
  const [resource, name, action, ...extra] = rest;
  if (resource === "topics") {
    if (name === undefined || action !== undefined)
      return { kind: "restProxyNotFound", reason: "HTTP 404 Not Found" };
    if (!isKafkaTopic(name)) return { kind: "restProxyNotFound", reason: `Topic ${name} not found.` };
    if (method !== "POST") return { kind: "restProxyMethodNotAllowed", method };
    return { kind: "produce", topic: name };
  }
  if (resource !== "streams" || extra.length > 0) return { kind: "missingRoute" };
  if (name === undefined) return method === "GET" ? { kind: "listStreams" } : { kind: "missingRoute" };
  const kind =
    action === undefined
      ? STREAM_ROUTES[method]
      : method === "PUT" && action === "record"
        ? "putRecord"
        : method === "PUT" && action === "records"
          ? "putRecords"
          : undefined;
  if (kind === undefined) return { kind: "missingRoute" };
  if (!isKinesisStreamName(name)) {
    return { kind: "invalidStreamName", reason: "the stream name must be 1 to 128 of a-z A-Z 0-9 _ . -" };
  }
  return { kind, stream: name };
}
