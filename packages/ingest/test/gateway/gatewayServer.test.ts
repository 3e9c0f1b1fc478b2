import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient } from "../../src/awsClients/createKinesisClient";
import { parseApiKeys } from "../../src/gateway/apiKeys";
import { type RunningGateway, startGatewayServer } from "../../src/gateway/gatewayServer";
import { httpCall } from "./support/httpCall";
import { memoryKafka } from "./support/memoryKafka";

const KEY = "producer-key-0123456789";
const JSON_TYPE = { "content-type": "application/json" };

async function streamRecords(kinesis: KinesisClient, stream: string): Promise<string[]> {
  const description = await kinesis.send(new DescribeStreamCommand({ StreamName: stream }));
  const texts: string[] = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: stream,
        ShardId: shard.ShardId!,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));
    for (const record of Records ?? []) texts.push(new TextDecoder().decode(record.Data));
  }
  return texts;
}

describe("startGatewayServer on a real local Kinesis", () => {
  let server: LocalServer;
  let kinesis: KinesisClient;
  let gateway: RunningGateway;
  const kafka = memoryKafka();
  const log: string[] = [];

  beforeAll(async () => {
    server = await startLocalKinesis({ createStreamMs: 0, deleteStreamMs: 0 });
    kinesis = createKinesisClient({ endpoint: server.endpoint });
    gateway = await startGatewayServer({
      stage: "test",
      kafka: kafka.backend,
      kinesis,
      apiKeys: parseApiKeys(`producers ${KEY}`),
      requestTimeoutMs: 2_000,
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await gateway?.drain(1_000);
    kinesis?.destroy();
    await server?.stop();
  });

  const call = (method: string, path: string, body?: string, headers: Record<string, string> = JSON_TYPE) =>
    httpCall(gateway.url, method, `/test${path}`, {
      headers: { "x-api-key": KEY, ...headers },
      ...(body === undefined ? {} : { body }),
    });

  it("maps the Kinesis routes as the API's templates do and passes Kinesis's answers through", async () => {
    const created = await call("POST", "/streams/gw-a");
    expect(created).toMatchObject({ status: 200, body: "{}" });
    const described = await call("GET", "/streams/gw-a");
    expect(described.status).toBe(200);
    expect(JSON.parse(described.body).StreamDescription.Shards).toHaveLength(5);
    const sized = await call("POST", "/streams/gw-b", '{"ShardCount":2}');
    expect(sized.status).toBe(200);
    const listed = JSON.parse((await call("GET", "/streams")).body);
    expect(listed.StreamNames).toEqual(expect.arrayContaining(["gw-a", "gw-b"]));

    // The stream comes from the path, not the body, and Data arrives as its JSON text.
    const one = await call(
      "PUT",
      "/streams/gw-a/record",
      JSON.stringify({ StreamName: "gw-b", Data: { index: 7, title: "é" }, PartitionKey: "p-1" }),
    );
    expect(one.status).toBe(200);
    expect(JSON.parse(one.body)).toMatchObject({
      SequenceNumber: expect.stringMatching(/^\d+$/),
      ShardId: expect.any(String),
    });
    const many = await call(
      "PUT",
      "/streams/gw-a/records",
      JSON.stringify({ records: [1, 2, 3].map((ind) => ({ data: { ind }, "partition-key": String(ind) })) }),
    );
    expect(JSON.parse(many.body)).toMatchObject({ FailedRecordCount: 0, Records: expect.any(Array) });
    expect((await streamRecords(kinesis, "gw-a")).sort()).toEqual(
      ['{"index":7,"title":"é"}', '{"ind":1}', '{"ind":2}', '{"ind":3}'].sort(),
    );
    expect(await streamRecords(kinesis, "gw-b")).toEqual([]);

    const missing = await call("PUT", "/streams/gw-none/record", '{"Data":{"a":1},"PartitionKey":"p"}');
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).__type).toBe("ResourceNotFoundException");

    expect((await call("DELETE", "/streams/gw-b")).status).toBe(200);
    expect(JSON.parse((await call("GET", "/streams")).body).StreamNames).not.toContain("gw-b");
  });

  it("refuses hostile requests with API Gateway's answers, forwards nothing and keeps serving", async () => {
    await call("POST", "/streams/gw-h", '{"ShardCount":1}');
    const put = '{"Data":{"a":1},"PartitionKey":"p"}';
    const cases: [Promise<{ status: number; body: string }>, number, string][] = [
      [
        call("PUT", "/streams/gw-h/record", put, { "content-type": "text/plain" }),
        415,
        "Unsupported Media Type",
      ],
      [call("PUT", "/streams/gw-h/record", '{"Data":{"a":1},'), 400, "body is not valid JSON"],
      [call("PUT", "/streams/gw-h/record", '{"Data":[1],"PartitionKey":"p"}'), 400, "Data"],
      [call("PUT", "/streams/gw-h/records", '{"records":[]}'), 400, "1 to 500 entries"],
      [
        httpCall(gateway.url, "PUT", "/test/streams/gw-h/record", { headers: JSON_TYPE, body: put }),
        403,
        "Forbidden",
      ],
      [
        httpCall(gateway.url, "PUT", "/test/streams/gw-h/record", {
          headers: { ...JSON_TYPE, "x-api-key": `${KEY}x` },
          body: put,
        }),
        403,
        "Forbidden",
      ],
      [call("PUT", "/streams/gw-h/record/../../gw-a/record", put), 400, "dot segment"],
      [call("PUT", "/streams/..%2Fgw-a/record", put), 400, "stream name"],
      [call("GET", "/streams/gw-h/records"), 403, "Missing Authentication Token"],
      [
        httpCall(gateway.url, "PUT", "/streams/gw-h/record", { headers: JSON_TYPE, body: put }),
        403,
        "Missing Authentication Token",
      ],
      [
        httpCall(gateway.url, "PUT", "/test/streams/gw-h/record", {
          headers: { ...JSON_TYPE, "x-api-key": KEY },
          body: Buffer.from([0x7b, 0xff, 0x7d]),
        }),
        400,
        "not valid UTF-8",
      ],
    ];
    for (const [pending, status, text] of cases) {
      const answer = await pending;
      expect(answer.status, answer.body).toBe(status);
      expect(JSON.parse(answer.body).message).toContain(text);
    }
    const huge = await httpCall(gateway.url, "PUT", "/test/streams/gw-h/record", {
      headers: { ...JSON_TYPE, "x-api-key": KEY },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    expect(huge.status).toBe(413);
    expect(await streamRecords(kinesis, "gw-h")).toEqual([]);
    expect((await httpCall(gateway.url, "GET", "/health")).body).toBe('{"status":"ok"}');
    expect((await call("PUT", "/streams/gw-h/record", put)).status).toBe(200);
  });

  it("answers a body that never finishes with 408 and keeps serving", async () => {
    const url = new URL(gateway.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: "PUT",
          path: "/test/streams/gw-h/record",
          headers: { ...JSON_TYPE, "x-api-key": KEY, "content-length": "100" },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      request.write('{"Data":');
    });
    expect(answer).toEqual({ status: 408, body: '{"message":"Request Timeout"}' });
    expect((await httpCall(gateway.url, "GET", "/test/ping")).status).toBe(200);
  });

  it("logs one JSON line per request with the key's name, never the key or the body", () => {
    expect(log.length).toBeGreaterThan(10);
    for (const line of log) {
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({
        requestId: expect.any(String),
        status: expect.any(Number),
        route: expect.any(String),
      });
      expect(line).not.toContain(KEY);
      expect(line).not.toContain("PartitionKey");
    }
    expect(log.map((line) => JSON.parse(line)).find((entry) => entry.route === "putRecords")).toMatchObject({
      apiKey: "producers",
      records: 3,
      status: 200,
    });
  });

  it("produces through the REST proxy route with per-record offsets", async () => {
    const answer = await call(
      "POST",
      "/topics/known.pin",
      '{"records":[{"value":{"index":1}},{"value":{"index":2}}]}',
      { "content-type": "application/vnd.kafka.json.v2+json" },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/vnd.kafka.v2+json");
    expect(JSON.parse(answer.body).offsets.map((o: { partition: number }) => o.partition)).toEqual([0, 1]);
    expect(kafka.sent.map((record) => String(record.value))).toEqual(['{"index":1}', '{"index":2}']);
  });
});

describe("startGatewayServer limits and lifecycle", () => {
  it("throttles each API key with its own token bucket: 429 with Retry-After", async () => {
    const kafka = memoryKafka();
    const gateway = await startGatewayServer({
      kafka: kafka.backend,
      apiKeys: parseApiKeys(`a ${KEY}\nb ${KEY}-b`),
      rate: { ratePerSecond: 1, burst: 2 },
      now: () => 0,
    });
    try {
      const produce = (key: string) =>
        httpCall(gateway.url, "POST", "/topics/known.geo", {
          headers: { "content-type": "application/vnd.kafka.json.v2+json", "x-api-key": key },
          body: '{"records":[{"value":{"ind":1}}]}',
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await produce(KEY)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await produce(KEY);
      expect(refused.headers["retry-after"]).toBe("1");
      expect(JSON.parse(refused.body)).toEqual({ message: "Too Many Requests" });
      expect((await produce(`${KEY}-b`)).status).toBe(200);
      expect(kafka.sent).toHaveLength(3);
    } finally {
      await gateway.drain(1_000);
    }
  });

  it("reads an oversize body to its end before answering 413, so a plain client sees the answer", async () => {
    const kafka = memoryKafka();
    const gateway = await startGatewayServer({ kafka: kafka.backend, maxBodyBytes: 1_000 });
    try {
      for (let round = 0; round < 3; round++) {
        const answer = await fetch(`${gateway.url}/topics/known.pin`, {
          method: "POST",
          headers: { "content-type": "application/vnd.kafka.json.v2+json" },
          body: " ".repeat(1_900),
        });
        expect(answer.status).toBe(413);
        expect(await answer.json()).toEqual({ error_code: 413, message: "Request Too Long" });
      }
      const ok = await fetch(`${gateway.url}/topics/known.pin`, {
        method: "POST",
        headers: { "content-type": "application/vnd.kafka.json.v2+json" },
        body: '{"records":[{"value":{"ind":1}}]}',
      });
      expect(ok.status).toBe(200);
      expect(kafka.sent).toHaveLength(1);
    } finally {
      await gateway.drain(1_000);
    }
  });

  it("drains: answers the request in flight, refuses new connections, then resolves", async () => {
    const kafka = memoryKafka();
    const gateway = await startGatewayServer({ kafka: kafka.backend });
    kafka.holdSends();
    const pending = httpCall(gateway.url, "POST", "/topics/known.user", {
      headers: { "content-type": "application/vnd.kafka.json.v2+json" },
      body: '{"records":[{"value":{"ind":9}}]}',
    });
    while (gateway.inFlight() === 0) await new Promise((resolve) => setImmediate(resolve));
    const drained = gateway.drain(30_000);
    await expect(httpCall(gateway.url, "GET", "/health")).rejects.toThrow(/ECONNREFUSED/);
    kafka.release();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe("close");
    expect(await drained).toEqual({ forced: 0 });
    expect(kafka.sent).toHaveLength(1);
  });

  it("serves HTTPS when given a certificate", async () => {
    const folder = await mkdtemp(join(tmpdir(), "pinpipe-gateway-tls-"));
    try {
      const made = spawnSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
          "-keyout",
          join(folder, "key.pem"),
          "-out",
          join(folder, "cert.pem"),
        ],
        { encoding: "utf8" },
      );
      if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
      const cert = await readFile(join(folder, "cert.pem"), "utf8");
      const gateway = await startGatewayServer({
        tls: { cert, key: await readFile(join(folder, "key.pem")) },
      });
      try {
        expect(gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const answer = await httpCall(gateway.url, "GET", "/health", { ca: cert });
        expect(answer).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      } finally {
        await gateway.drain(1_000);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
