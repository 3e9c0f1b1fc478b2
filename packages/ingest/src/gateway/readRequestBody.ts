import type { IncomingMessage } from "node:http";

/**
 * The outcome of {@link readRequestBody}: the whole body, or why it was not read (too large, too slow,
 * or the client went away).
 *
 * @example
 * const outcome: RequestBodyOutcome = { ok: false, problem: "tooLarge" };
 */
export type RequestBodyOutcome =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly problem: "tooLarge" | "timeout" | "aborted" };

/**
 * Reads a request body of at most `maxBytes`, within `timeoutMs` of the call. Past the limit nothing
 * more is kept, and the outcome is `tooLarge`; the rest of the body is still read and dropped up to
 * as much again (a "lingering" read), so that an ordinary client still uploading gets to read the
 * 413 instead of a reset connection. A body declared or found larger than twice the limit is refused
 * at once, and a body still incomplete after `timeoutMs` (a slow or stalled client) is `timeout`;
 * either way the caller closes the connection. A huge body never sits in memory.
 *
 * @example
 * const outcome = await readRequestBody(request, 10 * 1024 * 1024, 30_000);
 * if (outcome.ok) JSON.parse(outcome.body.toString("utf8"));
 */
export function readRequestBody(
  request: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<RequestBodyOutcome> {
  const lingerBytes = 2 * maxBytes;
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > lingerBytes) {
    request.on("error", () => {});
    request.resume();
    return Promise.resolve({ ok: false, problem: "tooLarge" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: RequestBodyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onAborted);
      request.off("aborted", onAborted);
      if (!outcome.ok) {
        chunks.length = 0;
        // Keep the stream flowing into nothing, so the answer can still be written.
        request.on("error", () => {});
        request.resume();
      }
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > lingerBytes) finish({ ok: false, problem: "tooLarge" });
      else if (size > maxBytes) chunks.length = 0;
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish(
        size > maxBytes
          ? { ok: false, problem: "tooLarge" }
          : { ok: true, body: Buffer.concat(chunks, size) },
      );
    const onAborted = () => finish({ ok: false, problem: "aborted" });
    const timer = setTimeout(() => finish({ ok: false, problem: "timeout" }), timeoutMs);
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onAborted);
    request.on("aborted", onAborted);
  });
}
