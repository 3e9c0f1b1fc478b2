import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/**
 * A test HTTP server on 127.0.0.1 (random port).
 *
 * @example
 * const server = await listenOnLoopback(async (request, body) => ({ status: 200, body: "{}" }));
 * await fetch(server.url); await server.stop();
 */
export interface LoopbackServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * What a handler answers.
 *
 * @example
 * const answer: HandlerAnswer = { status: 503, body: '{"message":"busy"}' };
 */
export interface HandlerAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  /** Drop the connection after writing this many bytes of the body (a reset, or a cut answer). */
  readonly dropAfterBytes?: number;
}

/**
 * Starts a server that reads each request's whole body and answers what `handle` returns.
 *
 * @example
 * const server = await listenOnLoopback(async () => ({ status: 204, body: "" }));
 */
export async function listenOnLoopback(
  handle: (request: IncomingMessage, body: string) => HandlerAnswer | Promise<HandlerAnswer>,
): Promise<LoopbackServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void Promise.resolve(handle(request, Buffer.concat(chunks).toString("utf8"))).then((answer) => {
        if (answer.dropAfterBytes !== undefined) {
          response.writeHead(answer.status, { "content-length": Buffer.byteLength(answer.body) });
          response.write(answer.body.slice(0, answer.dropAfterBytes), () => response.socket?.destroy());
          return;
        }
        response.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json" });
        response.end(answer.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Registers an `afterEach` that stops the servers started through the returned function, so a
 * failing test does not leave its server listening into the next one.
 *
 * @example
 * const started = stopAfterEachTest();
 * it("answers", async () => {
 *   const server = await started(listenOnLoopback(() => ({ status: 204, body: "" })));
 * });
 */
export function stopAfterEachTest(): <S extends LoopbackServer>(starting: Promise<S>) => Promise<S> {
  const running: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  return async (starting) => {
    const server = await starting;
    running.push(server);
    return server;
  };
}
