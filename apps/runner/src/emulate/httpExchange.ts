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

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer within ${timeoutMs / 1000} s`;
  // fetch reports network failures as TypeError("fetch failed") with the socket error as its cause.
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail =
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  const message = error instanceof Error ? error.message : String(error);
  return `connection failed (${detail === "" ? message : detail})`;
}

/**
 * Sends one request with `fetch` and reads the whole answer. Redirects are not followed: a proxy
 * that redirects a produce request is misconfigured, and the status says so.
 *
 * @example
 * const outcome = await exchangeHttp({ method: "PUT", url, contentType: "application/json", body }, 30_000);
 * if (outcome.answered && outcome.status === 200) console.log(outcome.body);
 */
export async function exchangeHttp(request: HttpRequest, timeoutMs: number): Promise<HttpExchange> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { "content-type": request.contentType, accept: "application/json" },
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { answered: true, status: response.status, statusText: response.statusText, body };
  } catch (error) {
    return { answered: false, reason: describeFailure(error, timeoutMs) };
  }
}
