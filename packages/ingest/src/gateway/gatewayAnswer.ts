/**
 * A gateway's answer to one request: status, JSON body, content type and extra headers. Handlers
 * return answers instead of writing to a socket, so they are tested without a server.
 *
 * @example
 * const answer: GatewayAnswer = { status: 200, contentType: "application/json", body: "{}" };
 */
export interface GatewayAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Records handed to Kafka or Kinesis for this request (for the access log). */
  readonly records?: number;
}

/** The content type of the REST Proxy v2's answers. */
export const REST_PROXY_ANSWER_CONTENT_TYPE = "application/vnd.kafka.v2+json";

/**
 * An error as API Gateway itself words it: `{"message": …}` (e.g. 403 "Forbidden" for a missing API
 * key, 429 "Too Many Requests").
 *
 * @example
 * apiGatewayError(403, "Missing Authentication Token").body; // '{"message":"Missing Authentication Token"}'
 */
export function apiGatewayError(
  status: number,
  message: string,
  headers?: Readonly<Record<string, string>>,
): GatewayAnswer {
  return {
    status,
    contentType: "application/json",
    body: JSON.stringify({ message }),
    ...(headers === undefined ? {} : { headers }),
  };
}

/**
 * An error as the Confluent REST Proxy words it: `{"error_code": …, "message": …}`, where
 * `error_code` is the HTTP status or a five-digit refinement of it (40401 topic not found, …).
 *
 * @example
 * restProxyError(404, 40401, "Topic x not found.").body; // '{"error_code":40401,"message":"Topic x not found."}'
 */
export function restProxyError(status: number, errorCode: number, message: string): GatewayAnswer {
  return {
    status,
    contentType: REST_PROXY_ANSWER_CONTENT_TYPE,
    body: JSON.stringify({ error_code: errorCode, message }),
  };
}
