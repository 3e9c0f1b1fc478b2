import { describe, expect, it } from "vitest";
import { deliverHttpBatches, type HttpBatchProtocol } from "../../src/emulate/deliverHttpBatches";
import { exchangeHttp } from "../../src/emulate/httpExchange";
import { listenOnLoopback, stopAfterEachTest } from "./listenOnLoopback";

const started = stopAfterEachTest();

const policy = { retryForMs: 10_000, backoff: { baseMs: 1, maxMs: 10 } };

/** Numbers posted as JSON arrays; the answer lists the positions to resend. */
function protocol(url: string): HttpBatchProtocol<number> {
  return {
    request: (batch) => ({
      method: "POST",
      url,
      contentType: "application/json",
      body: JSON.stringify(batch),
    }),
    readAnswer: (body) => {
      const resend = JSON.parse(body) as number[];
      if (!Array.isArray(resend)) throw new Error("not a list");
      return { resend, reason: `${resend.length} failed` };
    },
  };
}

describe("deliverHttpBatches", () => {
  it("sends records in order, a request at a time, resending 5xx requests and the entries marked failed", async () => {
    const stored: number[] = [];
    let calls = 0;
    const server = await started(
      listenOnLoopback((_request, body) => {
        calls++;
        if (calls % 3 === 0) return { status: 503, body: "" };
        const batch = JSON.parse(body) as number[];
        // The first record of each fresh batch of two fails once (odd numbers come first in a batch).
        const resend = batch.length === 2 ? [0] : [];
        for (const [position, value] of batch.entries()) if (!resend.includes(position)) stored.push(value);
        return { status: 200, body: JSON.stringify(resend) };
      }),
    );
    const records = [1, 2, 3, 4, 5];
    const counts = await deliverHttpBatches(records, protocol(server.url), {
      perRequest: 2,
      requestTimeoutMs: 5_000,
      policy,
    });
    // Batches [1,2], [3,4], [5]: 1 and 3 are resent after 2 and 4.
    expect(stored).toEqual([2, 1, 4, 3, 5]);
    expect(counts.resentEntries).toBe(2);
    expect(counts.requests).toBe(calls);
    expect(counts.retriedRequests).toBe(calls - 5);
  });

  it("sends a request again when its answer is cut off", async () => {
    let calls = 0;
    const server = await started(
      listenOnLoopback(() => {
        calls++;
        return { status: 200, body: "[]", ...(calls === 1 ? { dropAfterBytes: 1 } : {}) };
      }),
    );
    const counts = await deliverHttpBatches([1], protocol(server.url), {
      perRequest: 1,
      requestTimeoutMs: 5_000,
      policy,
    });
    expect(counts).toEqual({ requests: 2, retriedRequests: 1, resentEntries: 0 });
  });

  it("fails at once on a 4xx, with the method, URL, status and message", async () => {
    const server = await started(listenOnLoopback(() => ({ status: 400, body: '{"message":"bad body"}' })));
    await expect(
      deliverHttpBatches([1], protocol(`${server.url}/x`), {
        perRequest: 1,
        requestTimeoutMs: 5_000,
        policy,
      }),
    ).rejects.toThrow(`POST ${server.url}/x answered 400 Bad Request: bad body`);
  });

  it("fails on an answer the protocol cannot read, without resending", async () => {
    let calls = 0;
    const server = await started(
      listenOnLoopback(() => {
        calls++;
        return { status: 200, body: "{}" };
      }),
    );
    await expect(
      deliverHttpBatches([1, 2], protocol(server.url), { perRequest: 5, requestTimeoutMs: 5_000, policy }),
    ).rejects.toThrow(`POST ${server.url}: not a list`);
    expect(calls).toBe(1);
  });

  it("sends nothing for no records and refuses a batch size below 1", async () => {
    const options = { perRequest: 1, requestTimeoutMs: 1_000, policy };
    expect(await deliverHttpBatches([], protocol("http://127.0.0.1:9"), options)).toEqual({
      requests: 0,
      retriedRequests: 0,
      resentEntries: 0,
    });
    for (const perRequest of [0, 1.5, Number.NaN]) {
      await expect(
        deliverHttpBatches([1], protocol("http://127.0.0.1:9"), { ...options, perRequest }),
      ).rejects.toThrow(RangeError);
    }
  });
});

describe("exchangeHttp", () => {
  it("reports a server that does not answer in time as no answer", async () => {
    const server = await started(listenOnLoopback(() => new Promise(() => {})));
    const outcome = await exchangeHttp(
      { method: "PUT", url: server.url, contentType: "application/json", body: "{}" },
      200,
    );
    expect(outcome).toEqual({ answered: false, reason: "no answer within 0.2 s" });
  });

  it("reports a connection dropped before the answer ends", async () => {
    const server = await started(
      listenOnLoopback(() => ({ status: 200, body: '{"offsets":[]}', dropAfterBytes: 3 })),
    );
    const outcome = await exchangeHttp(
      { method: "POST", url: server.url, contentType: "application/json", body: "{}" },
      5_000,
    );
    expect(outcome.answered).toBe(false);
    if (!outcome.answered) expect(outcome.reason).toMatch(/^connection failed \(/);
  });

  it("does not follow redirects: the status is the answer", async () => {
    const server = await started(listenOnLoopback(() => ({ status: 307, body: "" })));
    const outcome = await exchangeHttp(
      { method: "POST", url: server.url, contentType: "application/json", body: "{}" },
      5_000,
    );
    expect(outcome).toMatchObject({ answered: true, status: 307 });
  });
});
