import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readS3Topics } from "../../src/batch/readS3Topics";
import { SourceError } from "../../src/batch/sourceError";
import type { SourceItem } from "../../src/batch/sourceItem";
import { type FaultProxy, startFaultProxy } from "../../src/faults/index";

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const all: SourceItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("readS3Topics", () => {
  let s3: LocalS3Server;
  let client: S3Client;
  let proxy: FaultProxy;
  let proxied: S3Client;

  const put = (key: string, body: string | Uint8Array) =>
    client.send(new PutObjectCommand({ Bucket: "raw", Key: key, Body: body }));

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw"] });
    client = createS3Client({ endpoint: s3.endpoint, env: {} });
    proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
    proxied = createS3Client({ endpoint: proxy.endpoint, env: {}, maxAttempts: 1 });
    // Written out of order on purpose: reading follows topic, partition, then numeric offset.
    await put("feed/topics/t.pin/partition=0/t.pin+0+0000000010.json", '{"index": 3}\n');
    await put(
      "feed/topics/t.pin/partition=0/t.pin+0+0000000002.json",
      '{"index": 1, "__proto__": {"x": 1}}\n\n{"index": 2}\n',
    );
    await put("feed/topics/t.geo/partition=1/t.geo+1+0000000000.json.gz", gzipSync('{"ind": 7}\nnot json\n'));
    await put(
      "feed/topics/t.user/partition=0/t.user+0+0000000000.json",
      new Uint8Array([0xff, 0x0a, 0x7b, 0x7d]),
    );
    await put("feed/topics/t.other/partition=0/t.other+0+0000000000.json", '{"a": 1}\n');
    await put("feed/README.txt", "not a sink object");
    await put("elsewhere/topics/t.pin/partition=0/t.pin+0+0000000000.json", '{"index": 99}\n');
  });

  afterAll(async () => {
    proxied?.destroy();
    client?.destroy();
    await proxy?.stop();
    await s3?.stop();
  });

  it("reads the sink objects under the prefix in Kafka order, parsing lines as JSON.parse does", async () => {
    const items = await collect(readS3Topics({ client, bucket: "raw", prefix: "feed" }));
    expect(
      items.map((item) => [item.table, item.record, item.error?.reason.split(":")[0], item.position]),
    ).toEqual([
      [
        "geo",
        { ind: 7 },
        undefined,
        { key: "feed/topics/t.geo/partition=1/t.geo+1+0000000000.json.gz", line: 1, byteOffset: 0 },
      ],
      [
        "geo",
        undefined,
        "invalid JSON",
        { key: "feed/topics/t.geo/partition=1/t.geo+1+0000000000.json.gz", line: 2, byteOffset: 11 },
      ],
      [
        null,
        { a: 1 },
        undefined,
        { key: "feed/topics/t.other/partition=0/t.other+0+0000000000.json", line: 1, byteOffset: 0 },
      ],
      [
        "pin",
        JSON.parse('{"index": 1, "__proto__": {"x": 1}}'),
        undefined,
        { key: "feed/topics/t.pin/partition=0/t.pin+0+0000000002.json", line: 1, byteOffset: 0 },
      ],
      [
        "pin",
        { index: 2 },
        undefined,
        { key: "feed/topics/t.pin/partition=0/t.pin+0+0000000002.json", line: 3, byteOffset: 37 },
      ],
      [
        "pin",
        { index: 3 },
        undefined,
        { key: "feed/topics/t.pin/partition=0/t.pin+0+0000000010.json", line: 1, byteOffset: 0 },
      ],
      [
        "user",
        undefined,
        "invalid UTF-8",
        { key: "feed/topics/t.user/partition=0/t.user+0+0000000000.json", line: 1, byteOffset: 0 },
      ],
      [
        "user",
        {},
        undefined,
        { key: "feed/topics/t.user/partition=0/t.user+0+0000000000.json", line: 2, byteOffset: 2 },
      ],
    ]);
    expect(items.filter((item) => item.error !== undefined).map((item) => item.text)).toEqual([
      "not json",
      "\uFFFD",
    ]);
    // The hostile key is kept as a plain own property, for the cleaner to report.
    expect(Object.hasOwn(items[3]!.record as object, "__proto__")).toBe(true);
  });

  it("fails when an object's body is cut short, instead of ending the object early", async () => {
    proxy.setPlan({
      schedule: { 1: "truncate" },
      appliesTo: (request) => request.method === "GET" && request.path.includes("0000000002.json"),
    });
    const reading = collect(readS3Topics({ client: proxied, bucket: "raw", prefix: "feed" }));
    await expect(reading).rejects.toThrow(SourceError);
    await expect(reading).rejects.toThrow(
      /cannot read s3:\/\/raw\/feed\/topics\/t\.pin\/partition=0\/t\.pin\+0\+0000000002\.json/,
    );
    proxy.setPlan({});
  });

  it("fails with the listing error when the bucket does not exist", async () => {
    await expect(collect(readS3Topics({ client, bucket: "no-such-bucket", prefix: "" }))).rejects.toThrow(
      /^cannot list s3:\/\/no-such-bucket\/: /,
    );
  });

  it("reports over-long lines as items, not failures", async () => {
    const items = await collect(readS3Topics({ client, bucket: "raw", prefix: "feed", maxLineBytes: 12 }));
    const tooLong = items.filter((item) => item.error?.reason.startsWith("line too long"));
    expect(tooLong.map((item) => item.position)).toEqual([
      { key: "feed/topics/t.pin/partition=0/t.pin+0+0000000002.json", line: 1, byteOffset: 0 },
    ]);
  });
});
