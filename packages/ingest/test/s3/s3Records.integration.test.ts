import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type LocalServer, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createS3Client,
  ensureS3Bucket,
  getS3Object,
  putS3Object,
  readLocalRecords,
  readS3Records,
  type S3Record,
  writeKafkaConnectLayout,
  writeS3KafkaConnectLayout,
} from "../../src/index";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const recordsOf = (items: readonly S3Record[]): unknown[] => items.map((item) => item.record);

describe("S3 source and sink against a real local S3", () => {
  let server: LocalServer;
  let client: S3Client;
  const bucket = "raw";
  const pins = Array.from({ length: 100 }, (_, index) => ({ index, title: `pin ${index}` }));
  const geos = Array.from({ length: 30 }, (_, ind) => ({ ind, country: ind % 2 === 0 ? "Albania" : "Peru" }));

  beforeAll(async () => {
    server = await startLocalS3();
    client = createS3Client({ endpoint: server.endpoint, env: {} });
    expect(await ensureS3Bucket({ client, bucket })).toBe(true);
    // 2 partitions × 25 objects of 2 records = 50 pin objects, plus 3 gzipped geo objects.
    await writeS3KafkaConnectLayout({
      client,
      bucket,
      keyPrefix: "kafka",
      topicPrefix: "0a1b",
      table: "pin",
      records: pins,
      partitions: 2,
      recordsPerObject: 2,
    });
    await writeS3KafkaConnectLayout({
      client,
      bucket,
      keyPrefix: "kafka",
      topicPrefix: "0a1b",
      table: "geo",
      records: geos,
      partitions: 1,
      recordsPerObject: 10,
      gzip: true,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it("ensureS3Bucket leaves an existing bucket alone", async () => {
    expect(await ensureS3Bucket({ client, bucket })).toBe(false);
  });

  it("reads back every record, in Kafka order (topic, partition, offset), with table and position", async () => {
    const items = await collect(readS3Records({ client, bucket, prefix: "kafka/", pageSize: 7 }));
    expect(items.every((item) => item.error === undefined)).toBe(true);
    // Topic 0a1b.geo sorts before 0a1b.pin; within pins, partition 0 holds even indexes, partition 1 odd ones.
    const evens = pins.filter((pin) => pin.index % 2 === 0);
    const odds = pins.filter((pin) => pin.index % 2 === 1);
    expect(recordsOf(items)).toEqual([...geos, ...evens, ...odds]);
    expect(items.slice(0, 30).every((item) => item.table === "geo")).toBe(true);
    expect(items.slice(30).every((item) => item.table === "pin")).toBe(true);
    expect(items[31]?.position).toEqual({
      key: "kafka/topics/0a1b.pin/partition=0/0a1b.pin+0+0000000000.json",
      line: 2,
      byteOffset: Buffer.byteLength(`${JSON.stringify(pins[0])}\n`),
    });
  });

  it("resumes after a position: mid-object, or after a whole object", async () => {
    const all = await collect(readS3Records({ client, bucket, prefix: "kafka/topics/0a1b.pin/" }));
    const cut = all[20]!.position;
    const midObject = await collect(
      readS3Records({ client, bucket, prefix: "kafka/topics/0a1b.pin/", startAfter: cut }),
    );
    expect(recordsOf(midObject)).toEqual(recordsOf(all.slice(21)));
    const afterObject = await collect(
      readS3Records({ client, bucket, prefix: "kafka/topics/0a1b.pin/", startAfter: { key: cut.key } }),
    );
    expect(recordsOf(afterObject)).toEqual(
      recordsOf(all.slice(all.findLastIndex((item) => item.position.key === cut.key) + 1)),
    );
  });

  it("orders offsets numerically even when a producer did not zero-pad them", async () => {
    for (const offset of [10, 9, 100]) {
      await putS3Object({
        client,
        bucket,
        key: `loose/topics/x.user/partition=0/x.user+0+${offset}.json`,
        body: `${JSON.stringify({ offset })}\n`,
      });
    }
    const items = await collect(readS3Records({ client, bucket, prefix: "loose/" }));
    expect(recordsOf(items)).toEqual([{ offset: 9 }, { offset: 10 }, { offset: 100 }]);
    expect(items.every((item) => item.table === "user")).toBe(true);
  });

  it("lays objects out exactly like the local Kafka Connect writer, gzip included", async () => {
    const directory = await mkdtemp(join(tmpdir(), "s3-layout-"));
    try {
      const options = { partitions: 3, recordsPerObject: 4, gzip: true } as const;
      const records = pins.slice(0, 37);
      await writeKafkaConnectLayout(directory, "same", "pin", records, options);
      const written = await writeS3KafkaConnectLayout({
        client,
        bucket,
        topicPrefix: "same",
        table: "pin",
        records,
        ...options,
      });
      const localFiles = (await readdir(directory, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join("/"));
      expect([...written.keys].sort()).toEqual(localFiles.sort());
      expect(written).toMatchObject({ records: 37, objects: localFiles.length });
      for (const key of localFiles) {
        const fromS3 = gunzipSync(await getS3Object({ client, bucket, key }));
        expect(fromS3.equals(gunzipSync(await readFile(join(directory, key))))).toBe(true);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("reports bad lines and objects with positions, and keeps going", async () => {
    const prefix = "bad/topics/b.pin/partition=0/";
    const lines = ['{"ok":1}', "not json", "", "[1,2]", "x".repeat(300), '{"ok":2}\r'].join("\n");
    await putS3Object({ client, bucket, key: `${prefix}b.pin+0+0000000000.json`, body: lines });
    await putS3Object({
      client,
      bucket,
      key: `${prefix}b.pin+0+0000000006.json`,
      body: Buffer.concat([
        Buffer.from('{"ok":3}\n'),
        Buffer.from([0xff, 0xfe, 0x0a]),
        Buffer.from('{"ok":4}'),
      ]),
    });
    await putS3Object({
      client,
      bucket,
      key: `${prefix}b.pin+0+0000000009.json.gz`,
      body: "definitely not gzip",
    });
    await putS3Object({ client, bucket, key: "bad/topics/b.pin/notes.txt", body: "hello" });
    // A console-made "folder" (putS3Object refuses such keys) is passed over silently.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "bad/topics/b.pin/folder/", Body: "" }));

    const items = await collect(
      readS3Records({ client, bucket, prefix: "bad/", maxLineBytes: 100, maxObjectAttempts: 2 }),
    );
    const summary = items.map((item) => [
      item.position.key.split("/").at(-1),
      item.position.line,
      item.record ?? item.error?.reason,
      item.error?.kind,
    ]);
    expect(summary).toEqual([
      ["b.pin+0+0000000000.json", 1, { ok: 1 }, undefined],
      ["b.pin+0+0000000000.json", 2, expect.stringMatching(/^invalid JSON: /), "line"],
      // Any JSON value is a record, as in readLocalRecords: judging it is the consumer's job.
      ["b.pin+0+0000000000.json", 4, [1, 2], undefined],
      ["b.pin+0+0000000000.json", 5, "record longer than maxLineBytes (100): 300 bytes, skipped", "line"],
      ["b.pin+0+0000000000.json", 6, { ok: 2 }, undefined],
      ["b.pin+0+0000000006.json", 1, { ok: 3 }, undefined],
      ["b.pin+0+0000000006.json", 2, "invalid UTF-8", "line"],
      ["b.pin+0+0000000006.json", 3, { ok: 4 }, undefined],
      [
        "b.pin+0+0000000009.json.gz",
        1,
        expect.stringMatching(/^cannot read object: .+ \(gave up after 2 attempts\)$/),
        "unreadable-object",
      ],
      ["notes.txt", 0, expect.stringContaining("not a Kafka Connect sink object"), "unrecognized-key"],
    ]);
    // Lines that hold no JSON keep their text (invalid bytes as U+FFFD); over-long ones do not.
    expect(items.filter((item) => item.error?.kind === "line").map((item) => item.text)).toEqual([
      "not json",
      undefined,
      "\uFFFD\uFFFD",
    ]);
    const skipped = await collect(
      readS3Records({ client, bucket, prefix: "bad/", unrecognizedKeys: "skip" }),
    );
    expect(skipped.some((item) => item.position.key.endsWith("notes.txt"))).toBe(false);
  });

  it("parses lines exactly as readLocalRecords does: same values, reasons and positions, prototypes untouched", async () => {
    const body = Buffer.concat([
      Buffer.from('\uFEFF{"ind":1}\r\n\r\n   \n'),
      Buffer.from('{"__proto__":{"polluted":"yes"},"index":51}\n'),
      Buffer.from('{"index":54,"title":{"__proto__":{"polluted":"yes"}}}\n'),
      Buffer.from('[1,2]\n"text"\nnull\n{"index":9007199254740993}\n{"index":1e400}\n'),
      Buffer.from(`{"deep":${"[".repeat(5000)}${"]".repeat(5000)}}\n`),
      Buffer.from('{"index":1,}\n'),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d, 0x0a]),
      Buffer.from(`{"pad":"${"z".repeat(500)}"}\n{"last":true}`),
    ]);
    const keys = [
      "same/topics/s.pin/partition=0/s.pin+0+0000000000.json",
      "same/topics/s.pin/partition=0/s.pin+0+0000000100.json.gz",
    ];
    const directory = await mkdtemp(join(tmpdir(), "s3-like-local-"));
    try {
      for (const [index, key] of keys.entries()) {
        const bytes = index === 0 ? body : gzipSync(body);
        await putS3Object({ client, bucket, key, body: bytes });
        await mkdir(dirname(join(directory, key)), { recursive: true });
        await writeFile(join(directory, key), bytes);
      }
      const fromS3 = await collect(readS3Records({ client, bucket, prefix: "same/", maxLineBytes: 400 }));
      const fromLocal = await collect(readLocalRecords(directory, { maxLineBytes: 400 }));
      const summary = (items: readonly { record: unknown; error?: { reason: string }; position: object }[]) =>
        items.map(({ record, error, position }) => {
          const { line, byteOffset } = position as { line: number; byteOffset: number };
          return [record, error?.reason, line, byteOffset];
        });
      expect(fromS3).toHaveLength(26);
      expect(summary(fromS3)).toEqual(summary(fromLocal));
      expect(fromS3.map((item) => item.position.key)).toEqual(fromLocal.map((item) => item.position.file));
      expect(fromS3.slice(0, 4).map((item) => item.record)).toEqual([
        { ind: 1 },
        JSON.parse('{"__proto__":{"polluted":"yes"},"index":51}'),
        JSON.parse('{"index":54,"title":{"__proto__":{"polluted":"yes"}}}'),
        [1, 2],
      ]);
      // A __proto__ key is an own data property, never a prototype: nothing is polluted.
      const hostile = fromS3[1]!.record as Record<string, unknown>;
      expect(Object.hasOwn(hostile, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
      expect(hostile.polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("stops a gzipped object inflating past maxDecompressedBytes, keeping what came before, then reads on", async () => {
    // 30 bytes of lines, then 100,000 bytes of one line of zeros: a small gzip bomb.
    const lines = '{"ind":1}\n{"ind":2}\n{"ind":33}\n';
    const bomb = "limit/topics/l.geo/partition=0/l.geo+0+0000000000.json.gz";
    await putS3Object({ client, bucket, key: bomb, body: gzipSync(lines + "0".repeat(100_000)) });
    await putS3Object({
      client,
      bucket,
      key: "limit/topics/l.geo/partition=0/l.geo+0+0000000003.json",
      body: '{"ind":4}\n',
    });
    // 25 bytes: the third line is cut by the limit and dropped with the rest.
    const items = await collect(
      readS3Records({ client, bucket, prefix: "limit/", maxDecompressedBytes: 25 }),
    );
    expect(items.map((item) => item.record ?? item.error)).toEqual([
      { ind: 1 },
      { ind: 2 },
      {
        reason: "decompressed size exceeds maxDecompressedBytes (25), rest of object skipped",
        kind: "decompressed-size",
      },
      { ind: 4 },
    ]);
    expect(items[2]!.position).toEqual({ key: bomb, line: 3, byteOffset: 25 });
  });

  it("applies maxDecompressedBytes to gzipped objects only, and lets one of exactly that size through", async () => {
    const lines = '{"ind":1}\n{"ind":2}\n';
    await putS3Object({
      client,
      bucket,
      key: "exact/topics/e.geo/partition=0/e.geo+0+0000000000.json.gz",
      body: gzipSync(lines),
    });
    await putS3Object({
      client,
      bucket,
      key: "exact/topics/e.geo/partition=0/e.geo+0+0000000002.json",
      body: `${lines}${lines}`,
    });
    const items = await collect(
      readS3Records({ client, bucket, prefix: "exact/", maxDecompressedBytes: Buffer.byteLength(lines) }),
    );
    expect(items.map((item) => item.record ?? item.error)).toEqual([
      { ind: 1 },
      { ind: 2 },
      { ind: 1 },
      { ind: 2 },
      { ind: 1 },
      { ind: 2 },
    ]);
  });

  it("streams a large gzip object whose lines cross chunk boundaries", async () => {
    const rows = Array.from({ length: 5000 }, (_, ind) => ({ ind, text: "é".repeat(ind % 97) }));
    const body = gzipSync(`${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
    await putS3Object({
      client,
      bucket,
      key: "big/topics/g.geo/partition=3/g.geo+3+0000000000.json.gz",
      body,
    });
    const items = await collect(readS3Records({ client, bucket, prefix: "big/" }));
    expect(recordsOf(items)).toEqual(rows);
  });

  it("stops when its AbortSignal fires", async () => {
    const controller = new AbortController();
    const items: S3Record[] = [];
    for await (const item of readS3Records({ client, bucket, prefix: "kafka/", signal: controller.signal })) {
      items.push(item);
      if (items.length === 5) controller.abort();
    }
    expect(items).toHaveLength(5);
  });

  it("rejects invalid options and a missing bucket", async () => {
    expect(() => readS3Records({ client, bucket, maxLineBytes: 0 })).toThrow(RangeError);
    expect(() => readS3Records({ client, bucket, maxDecompressedBytes: 0 })).toThrow(/maxDecompressedBytes/);
    expect(() => readS3Records({ client, bucket, maxDecompressedBytes: 1.5 })).toThrow(RangeError);
    expect(() => readS3Records({ client, bucket, maxObjectAttempts: 0 })).toThrow(/maxObjectAttempts/);
    expect(() => readS3Records({ client, bucket, prefix: "../x" })).toThrow(RangeError);
    expect(() => readS3Records({ client, bucket, startAfter: { key: "not/a/kafka/key.txt" } })).toThrow(
      /startAfter/,
    );
    expect(() =>
      readS3Records({
        client,
        bucket,
        startAfter: { key: "topics/a.pin/partition=0/a.pin+0+0.json", line: -1 },
      }),
    ).toThrow(/startAfter.line/);
    await expect(collect(readS3Records({ client, bucket: "no-such-bucket" }))).rejects.toMatchObject({
      name: "NoSuchBucket",
    });
    await expect(
      writeS3KafkaConnectLayout({
        client,
        bucket,
        topicPrefix: "a/b",
        table: "pin",
        records: [],
        partitions: 1,
        recordsPerObject: 1,
      }),
    ).rejects.toThrow(RangeError);
    await expect(
      writeS3KafkaConnectLayout({
        client,
        bucket: "no-such-bucket",
        topicPrefix: "a",
        table: "pin",
        records: pins,
        partitions: 2,
        recordsPerObject: 3,
        concurrency: 2,
      }),
    ).rejects.toMatchObject({ name: "NoSuchBucket" });
  });
});
