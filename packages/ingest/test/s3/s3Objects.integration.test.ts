import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { type LocalServer, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createS3Client, ensureS3Bucket, getS3Object, listS3Objects, putS3Object } from "../../src/index";

describe("S3 object helpers against a real local S3", () => {
  let server: LocalServer;
  let client: S3Client;
  const bucket = "out";

  beforeAll(async () => {
    server = await startLocalS3();
    client = createS3Client({ endpoint: server.endpoint, env: {} });
    await ensureS3Bucket({ client, bucket });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it("round-trips bytes and text", async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    await putS3Object({ client, bucket, key: "tables/pin/part-0.parquet", body: bytes });
    expect(
      Buffer.compare(await getS3Object({ client, bucket, key: "tables/pin/part-0.parquet" }), bytes),
    ).toBe(0);
    await putS3Object({
      client,
      bucket,
      key: "reports/run.json",
      body: '{"ok":true}',
      contentType: "application/json",
    });
    expect((await getS3Object({ client, bucket, key: "reports/run.json" })).toString("utf8")).toBe(
      '{"ok":true}',
    );
  });

  it("refuses bodies over maxBytes and missing objects", async () => {
    await putS3Object({ client, bucket, key: "small.txt", body: "12345" });
    await expect(getS3Object({ client, bucket, key: "small.txt", maxBytes: 4 })).rejects.toThrow(/maxBytes/);
    expect((await getS3Object({ client, bucket, key: "small.txt", maxBytes: 5 })).toString()).toBe("12345");
    await expect(getS3Object({ client, bucket, key: "missing.txt" })).rejects.toMatchObject({
      name: "NoSuchKey",
    });
  });

  it("refuses keys that could escape a folder, before any request", async () => {
    for (const key of ["../escape", "/abs", "a/../b", "a//b", "a\\b", "./a", "", "x".repeat(1025)]) {
      await expect(putS3Object({ client, bucket, key, body: "x" })).rejects.toThrow(RangeError);
      await expect(getS3Object({ client, bucket, key })).rejects.toThrow(RangeError);
    }
  });

  it("ensureS3Bucket creates a bucket once", async () => {
    expect(await ensureS3Bucket({ client, bucket: "fresh" })).toBe(true);
    expect(await ensureS3Bucket({ client, bucket: "fresh" })).toBe(false);
  });

  it("lists every object across pages of MaxKeys, at every depth", async () => {
    const written = Array.from(
      { length: 50 },
      (_, n) => `listing/topics/t.pin/partition=${n % 3}/deeper/obj-${n}.json`,
    );
    await Promise.all(written.map((key) => putS3Object({ client, bucket, key, body: "{}" })));
    const send = vi.spyOn(client, "send");
    try {
      const objects: string[] = [];
      for await (const object of listS3Objects({ client, bucket, prefix: "listing/", pageSize: 7 })) {
        objects.push(object.key);
        expect(object.size).toBe(2);
      }
      expect(objects).toEqual([...written].sort());
      const listCalls = send.mock.calls.filter(([command]) => command instanceof ListObjectsV2Command);
      expect(listCalls).toHaveLength(Math.ceil(50 / 7));
    } finally {
      send.mockRestore();
    }
    const after: string[] = [];
    const startAfter = [...written].sort()[44]!;
    for await (const object of listS3Objects({
      client,
      bucket,
      prefix: "listing/",
      startAfter,
      pageSize: 2,
    })) {
      after.push(object.key);
    }
    expect(after).toEqual([...written].sort().slice(45));
  });

  it("rejects a page size S3 would not honour", async () => {
    const list = (pageSize: number) =>
      listS3Objects({ client, bucket, pageSize })[Symbol.asyncIterator]().next();
    await expect(list(0)).rejects.toThrow(RangeError);
    await expect(list(1001)).rejects.toThrow(RangeError);
  });
});
