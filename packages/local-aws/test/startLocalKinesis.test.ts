import { afterAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalKinesis } from "../src/index";
import { acceptsConnections, isAlive } from "./processes";

/** A Kinesis JSON call by hand; kinesalite wants a well-formed SigV4 header but never checks it. */
async function callKinesis(endpoint: string, operation: string, body: object): Promise<Response> {
  return fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `Kinesis_20131202.${operation}`,
      "X-Amz-Date": "20250101T000000Z",
      Authorization:
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00",
    },
    body: JSON.stringify(body),
  });
}

describe("startLocalKinesis", () => {
  const started: LocalServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it("serves the Kinesis API on a loopback port and frees it on stop()", async () => {
    const server = await startLocalKinesis({ createStreamMs: 0 });
    started.push(server);
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);

    const created = await callKinesis(server.endpoint, "CreateStream", { StreamName: "s", ShardCount: 2 });
    expect(created.status).toBe(200);
    const listed = await callKinesis(server.endpoint, "ListStreams", {});
    expect(await listed.json()).toMatchObject({ StreamNames: ["s"] });

    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    expect(await acceptsConnections(server.port)).toBe(false);
  });

  it("enforces the configured shard limit", async () => {
    const server = await startLocalKinesis({ shardLimit: 3 });
    started.push(server);
    const tooMany = await callKinesis(server.endpoint, "CreateStream", { StreamName: "big", ShardCount: 4 });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("LimitExceededException");
  });

  it("rejects invalid options before starting anything", () => {
    expect(() => startLocalKinesis({ port: 99_999 })).toThrow(RangeError);
    expect(() => startLocalKinesis({ shardLimit: 0 })).toThrow(/shardLimit/);
    expect(() => startLocalKinesis({ createStreamMs: -5 })).toThrow(/createStreamMs/);
    expect(() => startLocalKinesis({ updateStreamMs: 0.5 })).toThrow(/updateStreamMs/);
  });
});
