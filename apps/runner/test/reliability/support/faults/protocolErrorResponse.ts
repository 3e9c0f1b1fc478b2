/**
 * The AWS service whose wire format the proxy imitates in the errors it makes up: S3's REST-XML or
 * Kinesis's JSON 1.1 protocol.
 *
 * @example
 * const service: FaultService = "kinesis";
 */
export type FaultService = "s3" | "kinesis";

/**
 * An error answer ready to send.
 *
 * @example
 * const response: ProtocolErrorResponse = { status: 503, headers: { "content-type": "application/xml" }, body: "<Error>…</Error>" };
 */
export interface ProtocolErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Error kinds the proxy answers by itself, without asking the server.
 *
 * @example
 * const kind: ProtocolErrorKind = "throttle";
 */
export type ProtocolErrorKind = "error500" | "error503" | "throttle";

const S3_ERRORS: Record<ProtocolErrorKind, { status: number; code: string; message: string }> = {
  error500: {
    status: 500,
    code: "InternalError",
    message: "We encountered an internal error. Please try again.",
  },
  error503: { status: 503, code: "ServiceUnavailable", message: "Service is unable to handle request." },
  throttle: { status: 503, code: "SlowDown", message: "Please reduce your request rate." },
};

const KINESIS_ERRORS: Record<ProtocolErrorKind, { status: number; type: string; message: string }> = {
  error500: {
    status: 500,
    type: "InternalFailure",
    message: "The request processing has failed because of an unknown error.",
  },
  error503: {
    status: 503,
    type: "ServiceUnavailable",
    message: "The service is unavailable. Please try again later.",
  },
  throttle: {
    status: 400,
    type: "ProvisionedThroughputExceededException",
    message: "Rate exceeded for shard shardId-000000000000 in stream pinpipe under account 000000000000.",
  },
};

const xmlEscape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The answer a real service gives for an internal error, an outage or throttling: S3 sends an XML
 * `<Error>` document (no body for HEAD, where only the status counts), Kinesis a JSON object with
 * `__type` and `message`. The request id tells injected errors apart in logs.
 *
 * @example
 * protocolErrorResponse("kinesis", "throttle", "fault-3").status; // 400
 * protocolErrorResponse("s3", "throttle", "fault-3").body; // '<?xml …?><Error><Code>SlowDown</Code>…'
 */
export function protocolErrorResponse(
  service: FaultService,
  kind: ProtocolErrorKind,
  requestId: string,
  method = "GET",
): ProtocolErrorResponse {
  if (service === "s3") {
    const { status, code, message } = S3_ERRORS[kind];
    const body =
      method === "HEAD"
        ? ""
        : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>${xmlEscape(requestId)}</RequestId></Error>`;
    return {
      status,
      headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
      body,
    };
  }
  const { status, type, message } = KINESIS_ERRORS[kind];
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
    body: JSON.stringify({ __type: type, message }),
  };
}
