import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * What a test request got back.
 *
 * @example
 * const answer: HttpCallAnswer = { status: 200, headers: {}, body: "{}" };
 */
export interface HttpCallAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One raw HTTP(S) request: the path is sent exactly as given (no dot-segment clean-up, unlike
 * `fetch`), so traversal attempts reach the server as a hostile client would send them.
 *
 * @example
 * await httpCall(gateway.url, "PUT", "/test/streams/../record", { body: "{}" });
 */
export function httpCall(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; ca?: string } = {},
): Promise<HttpCallAnswer> {
  const url = new URL(base);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: options.headers ?? {},
        agent: false,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
