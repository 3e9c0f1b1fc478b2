import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readS3Source } from "../../src/batch/readS3Source";
import { readSourceRecords } from "../../src/batch/recordSource";
import { SourceError } from "../../src/batch/sourceError";
import type { SourceItem } from "../../src/batch/sourceItem";
import { type FaultProxy, startFaultProxy } from "../../src/faults/index";

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const all: SourceItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The sink objects under `feed/`, written out of order on purpose (reading follows topic, partition, offset). */
const OBJECTS: readonly (readonly [string, string | Uint8Array])[] = [
  ["topics/t.pin/partition=0/t.pin+0+0000000010.json", '{"index": 3}\n'],
  [
    "topics/t.pin/partition=0/t.pin+0+0000000002.json",
    '{"index": 1, "__proto__": {"x": 1}}\n\n{"index": 2}\n',
  ],
  ["topics/t.geo/partition=1/t.geo+1+0000000000.json.gz", gzipSync('{"ind": 7}\nnot json\n[1,2]\n')],
  ["topics/t.user/partition=0/t.user+0+0000000000.json", new Uint8Array([0xff, 0x0a, 0x7b, 0x7d])],
  ["topics/t.other/partition=0/t.other+0+0000000000.json", '{"a": 1}\n'],
];
const PROTO_KEY = "feed/topics/t.pin/partition=0/t.pin+0+0000000002.json";

describe("readS3Source (batch's s3:// source)", () => {
  let s3: LocalS3Server;
  let client: S3Client;
  let proxy: FaultProxy;
  let proxied: S3Client;
  const localCopy = mkdtempSync(join(tmpdir(), "pinpipe-s3-source-"));

  const put = (key: string, body: string | Uint8Array) =>
    client.send(new PutObjectCommand({ Bucket: "raw", Key: key, Body: body }));

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw"] });
    client = createS3Client({ endpoint: s3.endpoint, env: {} });
    proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
    proxied = createS3Client({ endpoint: proxy.endpoint, env: {}, maxAttempts: 1 });
    for (const [key, body] of OBJECTS) {
      await put(`feed/${key}`, body);
      mkdirSync(dirname(join(localCopy, key)), { recursive: true });
      writeFileSync(join(localCopy, key), body);
    }
    await put("feed/README.txt", "not a sink object");
    await put("elsewhere/topics/t.pin/partition=0/t.pin+0+0000000000.json", '{"index": 99}\n');
  });

  afterAll(async () => {
    proxied?.destroy();
    client?.destroy();
    await proxy?.stop();
    await s3?.stop();
    rmSync(localCopy, { recursive: true, force: true });
  });

  it("reads the sink objects under the prefix in Kafka order, parsing lines as JSON.parse does", async () => {
    const items = await collect(readS3Source({ client, bucket: "raw", prefix: "feed" }));
    const geo = "feed/topics/t.geo/partition=1/t.geo+1+0000000000.json.gz";
    const user = "feed/topics/t.user/partition=0/t.user+0+0000000000.json";
    expect(
      items.map((item) => [item.table, item.record, item.error?.reason.split(":")[0], item.position]),
    ).toEqual([
      ["geo", { ind: 7 }, undefined, { key: geo, line: 1, byteOffset: 0 }],
      ["geo", undefined, "invalid JSON", { key: geo, line: 2, byteOffset: 11 }],
      ["geo", [1, 2], undefined, { key: geo, line: 3, byteOffset: 20 }],
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
        { key: PROTO_KEY, line: 1, byteOffset: 0 },
      ],
      ["pin", { index: 2 }, undefined, { key: PROTO_KEY, line: 3, byteOffset: 37 }],
      [
        "pin",
        { index: 3 },
        undefined,
        { key: "feed/topics/t.pin/partition=0/t.pin+0+0000000010.json", line: 1, byteOffset: 0 },
      ],
      ["user", undefined, "invalid UTF-8", { key: user, line: 1, byteOffset: 0 }],
      ["user", {}, undefined, { key: user, line: 2, byteOffset: 2 }],
    ]);
    // Lines that held no JSON keep their text, for the rejected records.
    expect(items.filter((item) => item.error !== undefined).map((item) => item.text)).toEqual([
      "not json",
      "\uFFFD",
    ]);
    // The hostile key is kept as a plain own property, for the cleaner to report; no prototype changes.
    const proto = items[4]!.record as object;
    expect(Object.hasOwn(proto, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("reads the same values, reasons and lines as the local reader over a copy of the objects", async () => {
    const summary = (items: readonly SourceItem[]) =>
      items.map((item) => [
        item.table,
        item.record,
        item.error?.reason,
        item.position.line,
        item.position.byteOffset,
      ]);
    const fromS3 = await collect(
      readSourceRecords({ kind: "s3", bucket: "raw", prefix: "feed" }, () => client),
    );
    const fromLocal = await collect(readSourceRecords({ kind: "local", path: localCopy }));
    expect(summary(fromS3)).toEqual(summary(fromLocal));
    expect(Object.hasOwn(fromS3[4]!.record as object, "__proto__")).toBe(true);
  });

  it("reads an object again when its body is cut mid-stream, delivering each line once", async () => {
    const expected = await collect(readS3Source({ client, bucket: "raw", prefix: "feed" }));
    proxy.setPlan({
      schedule: { 1: "truncate" },
      appliesTo: (request) => request.method === "GET" && request.path.includes("0000000002.json"),
    });
    const before = proxy.stats().faults.truncate;
    const items = await collect(readS3Source({ client: proxied, bucket: "raw", prefix: "feed" }));
    const cut = proxy.stats().faults.truncate - before;
    proxy.setPlan({});
    expect(cut).toBe(1);
    expect(items).toEqual(expected);
  });

  it("fails naming the object when its body is cut on every attempt", async () => {
    proxy.setPlan({
      rate: 1,
      kinds: ["truncate"],
      appliesTo: (request) => request.method === "GET" && request.path.includes("0000000002.json"),
    });
    const reading = collect(readS3Source({ client: proxied, bucket: "raw", prefix: "feed" }));
    await expect(reading).rejects.toThrow(SourceError);
    await expect(reading).rejects.toThrow(
      /^s3:\/\/raw\/feed\/topics\/t\.pin\/partition=0\/t\.pin\+0\+0000000002\.json: cannot read object: .+ \(gave up after 4 attempts\)$/,
    );
    proxy.setPlan({});
  });

  it("fails with the listing error when the bucket does not exist", async () => {
    await expect(collect(readS3Source({ client, bucket: "no-such-bucket", prefix: "" }))).rejects.toThrow(
      /^cannot list s3:\/\/no-such-bucket\/: /,
    );
  });
});
