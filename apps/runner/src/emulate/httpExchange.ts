import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * One HTTP request an emulator sink sends.
 *
 * @example
 * const request: HttpRequest = { method: "POST", url: "http://127.0.0.1:8082/topics/pinpipe.pin", contentType: "application/vnd.kafka.json.v2+json", body: "{}" };
 */
export interface HttpRequest {
  readonly method: "POST" | "PUT";
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

/**
 * What came of one request: the server's answer (any status), or no answer at all (connection refused
 * or reset, DNS failure, timeout), which is always worth another try.
 *
 * @example
 * const outcome: HttpExchange = { answered: true, status: 503, statusText: "Service Unavailable", body: "" };
 */
export type HttpExchange =
  | { readonly answered: true; readonly status: number; readonly statusText: string; readonly body: string }
  | { readonly answered: false; readonly reason: string };

/** The socket-level code of a failed request (ECONNREFUSED, ECONNRESET, ...), or its message. */
function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return `connection failed (${code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * Sends one request with `node:http` or `node:https` (keep-alive, as the global agents do) and reads
 * the whole answer within `timeoutMs`. Redirects are not followed: a proxy that redirects a produce
 * request is misconfigured, and the status says so.
 *
 * @example
 * const outcome = await exchangeHttp({ method: "PUT", url, contentType: "application/json", body }, 30_000);
 * if (outcome.answered && outcome.status === 200) console.log(outcome.body);
 */
export function exchangeHttp(request: HttpRequest, timeoutMs: number): Promise<HttpExchange> {
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let settled = false;
    const settle = (outcome: HttpExchange): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    // Whatever ends the exchange early, the deadline passing is the reason worth reporting.
    const fail = (error: unknown): void =>
      settle({
        answered: false,
        reason: signal.aborted ? `no answer within ${timeoutMs / 1000} s` : describeFailure(error),
      });
    const url = new URL(request.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(
      url,
      {
        method: request.method,
        headers: {
          "content-type": request.contentType,
          "content-length": Buffer.byteLength(request.body),
          accept: "application/json",
        },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("end", () =>
          settle({
            answered: true,
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("close", () => {
          if (!response.complete) fail(new Error("the answer was cut off"));
        });
      },
    );
    outgoing.on("error", fail);
    outgoing.end(request.body);
  });
}
