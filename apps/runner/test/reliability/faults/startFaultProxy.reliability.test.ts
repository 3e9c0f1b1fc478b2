import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaultChooser, type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addCounts } from "../support/reliabilityTally";

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Set when the connection ended before the answer was complete. */
  readonly error?: string;
}

/** One HTTP/1.1 request on a fresh connection, keeping whatever arrived before a failure. */
function send(endpoint: string, method: string, path: string, body = "", headers = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = request(`${endpoint}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      const finish = (error?: string): void =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ...(error === undefined ? {} : { error }),
        });
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => finish());
      res.on("error", (error) => finish(error.message));
      res.on("aborted", () => finish("aborted"));
    });
    req.on("error", (error) => resolve({ status: 0, headers: {}, body: "", error: error.message }));
    req.end(body);
  });
}

describe("startFaultProxy", () => {
  let upstream: Server;
  let target: string;
  const seen: { method: string; body: string }[] = [];
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    // A stand-in server: echoes a fixed body, and answers PutRecords like Kinesis does.
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        seen.push({ method: req.method ?? "", body });
        if (req.headers["x-amz-target"] === "Kinesis_20131202.PutRecords") {
          const { Records } = JSON.parse(body) as { Records: { PartitionKey: string }[] };
          const answer = JSON.stringify({
            FailedRecordCount: 0,
            Records: Records.map((entry) => ({ SequenceNumber: `seq-${entry.PartitionKey}`, ShardId: "s0" })),
          });
          res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amz-crc32": "1" });
          res.end(answer);
          return;
        }
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("0123456789".repeat(100));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    let injected = 0;
    for (const proxy of proxies) {
      const { faults } = proxy.stats();
      addCounts("faults injected", faults);
      injected += Object.values(faults).reduce((a, b) => a + b, 0);
      await proxy.stop();
    }
    expect(injected).toBeGreaterThan(0);
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  async function proxyFor(service: "s3" | "kinesis"): Promise<FaultProxy> {
    const proxy = await startFaultProxy({ target, service });
    proxies.push(proxy);
    return proxy;
  }

  it("forwards requests untouched when the plan has no faults", async () => {
    const proxy = await proxyFor("s3");
    const answer = await send(proxy.endpoint, "PUT", "/bucket/key", "hello");
    expect(answer).toMatchObject({ status: 200, body: "0123456789".repeat(100) });
    expect(seen.at(-1)).toEqual({ method: "PUT", body: "hello" });
    expect(proxy.stats().requests).toBe(1);
  });

  it("answers S3 throttling, 500 and 503 with S3's XML error document, without reaching the server", async () => {
    const proxy = await proxyFor("s3");
    proxy.setPlan({ schedule: { 1: "throttle", 2: "error500", 3: "error503" } });
    const before = seen.length;
    const answers = [
      await send(proxy.endpoint, "GET", "/b/k"),
      await send(proxy.endpoint, "GET", "/b/k"),
      await send(proxy.endpoint, "GET", "/b/k"),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([503, 500, 503]);
    expect(answers.map((answer) => /<Error><Code>(\w+)<\/Code>/.exec(answer.body)?.[1])).toEqual([
      "SlowDown",
      "InternalError",
      "ServiceUnavailable",
    ]);
    expect(answers[0]!.headers["content-type"]).toBe("application/xml");
    expect(seen.length).toBe(before);
    expect(proxy.stats().faults).toMatchObject({ throttle: 1, error500: 1, error503: 1 });
  });

  it("answers Kinesis throttling with 400 ProvisionedThroughputExceededException in JSON", async () => {
    const proxy = await proxyFor("kinesis");
    proxy.setPlan({ rate: 1, kinds: ["throttle"] });
    const answer = await send(proxy.endpoint, "POST", "/", "{}", {
      "x-amz-target": "Kinesis_20131202.GetRecords",
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: "ProvisionedThroughputExceededException" });
    expect(answer.headers["content-type"]).toBe("application/x-amz-json-1.1");
  });

  it("resets the connection before the server sees the request", async () => {
    const proxy = await proxyFor("s3");
    proxy.setPlan({ schedule: { 1: "reset" } });
    const before = seen.length;
    const answer = await send(proxy.endpoint, "PUT", "/b/k", "lost");
    expect(answer.status).toBe(0);
    expect(answer.error).toMatch(/socket hang up|ECONNRESET/);
    expect(seen.length).toBe(before);
  });

  it("cuts an answer short: the full Content-Length is announced, half the bytes arrive", async () => {
    const proxy = await proxyFor("s3");
    proxy.setPlan({ schedule: { 1: "truncate" } });
    const answer = await send(proxy.endpoint, "GET", "/b/k");
    expect(answer.headers["content-length"]).toBe("1000");
    expect(answer.body.length).toBe(500);
    expect(answer.error).toBeDefined();
  });

  it("delays a request by the plan's pause, then forwards it", async () => {
    const proxy = await proxyFor("s3");
    proxy.setPlan({ schedule: { 1: "delay" }, delayMs: 120 });
    const started = performance.now();
    const answer = await send(proxy.endpoint, "GET", "/b/k");
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("refuses part of a PutRecords call: refused entries never reach the server, the answer keeps their places", async () => {
    const proxy = await proxyFor("kinesis");
    proxy.setPlan({ rate: 1, kinds: ["partialPut"], partialShare: 0.5, seed: 4 });
    const records = Array.from({ length: 20 }, (_, index) => ({ Data: "e30=", PartitionKey: `k${index}` }));
    const answer = await send(
      proxy.endpoint,
      "POST",
      "/",
      JSON.stringify({ StreamName: "s", Records: records }),
      {
        "x-amz-target": "Kinesis_20131202.PutRecords",
      },
    );
    const merged = JSON.parse(answer.body) as {
      FailedRecordCount: number;
      Records: { ErrorCode?: string; SequenceNumber?: string }[];
    };
    expect(merged.Records).toHaveLength(20);
    const refused = merged.Records.flatMap((entry, index) => (entry.ErrorCode === undefined ? [] : [index]));
    expect(refused.length).toBe(merged.FailedRecordCount);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(20);
    const forwarded = JSON.parse(seen.at(-1)!.body) as { Records: { PartitionKey: string }[] };
    expect(forwarded.Records.map((entry) => entry.PartitionKey)).toEqual(
      records.filter((_, index) => !refused.includes(index)).map((entry) => entry.PartitionKey),
    );
    merged.Records.forEach((entry, index) => {
      if (entry.ErrorCode === undefined) expect(entry.SequenceNumber).toBe(`seq-k${index}`);
      else expect(entry.ErrorCode).toBe("ProvisionedThroughputExceededException");
    });
    expect(answer.headers["x-amz-crc32"]).toBeUndefined();
  });

  it("draws the same faults for the same seed, and about `rate` of the requests get one", () => {
    const request = { method: "GET", path: "/", operation: undefined };
    const draw = (seed: number): (string | undefined)[] => {
      const chooser = createFaultChooser({ rate: 0.25, seed, kinds: ["reset", "throttle"] });
      return Array.from({ length: 2000 }, () => chooser.choose(request));
    };
    const first = draw(9);
    expect(draw(9)).toEqual(first);
    expect(draw(10)).not.toEqual(first);
    const faults = first.filter((kind) => kind !== undefined).length;
    expect(faults).toBeGreaterThan(400);
    expect(faults).toBeLessThan(600);
  });

  it("numbers only the requests the plan applies to", () => {
    const chooser = createFaultChooser({
      schedule: { 2: "reset" },
      appliesTo: (request) => request.operation === "PutRecords",
    });
    const get = { method: "POST", path: "/", operation: "GetRecords" };
    const put = { method: "POST", path: "/", operation: "PutRecords" };
    expect([chooser.choose(put), chooser.choose(get), chooser.choose(get), chooser.choose(put)]).toEqual([
      undefined,
      undefined,
      undefined,
      "reset",
    ]);
  });

  it("draws from per-request kinds when the plan says so", () => {
    const chooser = createFaultChooser({
      rate: 1,
      kinds: ["reset"],
      kindsFor: (request) => (request.method === "GET" ? ["throttle"] : ["reset", "error500"]),
    });
    const get = { method: "GET", path: "/", operation: undefined };
    const put = { method: "PUT", path: "/", operation: undefined };
    expect(new Set(Array.from({ length: 50 }, () => chooser.choose(get)))).toEqual(new Set(["throttle"]));
    expect(new Set(Array.from({ length: 50 }, () => chooser.choose(put)))).toEqual(
      new Set(["reset", "error500"]),
    );
  });

  it("refuses invalid plans", () => {
    expect(() => createFaultChooser({ rate: 1.5 })).toThrow(RangeError);
    expect(() => createFaultChooser({ schedule: { 0: "reset" } })).toThrow(RangeError);
    expect(() => createFaultChooser({ kinds: ["explode" as "reset"] })).toThrow(/unknown fault kind/);
    expect(() => createFaultChooser({ rate: 0.5, kinds: [] })).toThrow(RangeError);
    expect(() => createFaultChooser({ delayMs: -1 })).toThrow(RangeError);
  });

  it("answers 502 when the server cannot be reached, and refuses a non-http target", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const proxy = await startFaultProxy({ target: `http://127.0.0.1:${port}`, service: "s3" });
    proxies.push(proxy);
    expect((await send(proxy.endpoint, "GET", "/")).status).toBe(502);
    await expect(startFaultProxy({ target: "https://example.com", service: "s3" })).rejects.toThrow(
      RangeError,
    );
  });
});
