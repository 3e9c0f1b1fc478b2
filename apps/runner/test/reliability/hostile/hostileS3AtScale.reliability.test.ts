import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client, putS3Object, readS3Records, type S3Record } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileBodies, prototypePolluted, writeGzipBomb, writeLongLine } from "../../hostile/hostileCorpus";
import { checkBatchOutput } from "../support/checkBatchOutput";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli, runTypeScript } from "../support/runCli";

const MEMORY_HEADROOM_MB = 150;
const VALID_USER =
  '{"ind":1,"first_name":"Ada","last_name":"Lovelace","age":36,"date_joined":"2016-01-01 00:00:00"}';
const KEYS = {
  long: "big/topics/h.pin/partition=0/h.pin+0+0000000000.json",
  bomb: "big/topics/h.pin/partition=0/h.pin+0+0000000001.json.gz",
  user: "big/topics/h.user/partition=0/h.user+0+0000000000.json",
  corpus: "corpus/topics/h.pin/partition=0/h.pin+0+0000000000.json",
} as const;

describe("hostile S3 objects at scale through readS3Records and pinpipe batch", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-s3-"));
  let s3: LocalS3Server;
  let client: S3Client;
  const corpus = hostileBodies({ hugeBytes: 4 * 1024 * 1024, items: 200_000 });

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw"] });
    client = createS3Client({ endpoint: s3.endpoint, env: {} });
    const long = join(root, "long.json");
    writeLongLine(long, 100 * 1024 * 1024);
    const bomb = join(root, "bomb.json.gz");
    writeGzipBomb(bomb, { memberBytes: 64 * 1024 * 1024, members: 32 });
    for (const [key, path] of [
      [KEYS.long, long],
      [KEYS.bomb, bomb],
    ] as const) {
      await client.send(
        new PutObjectCommand({
          Bucket: "raw",
          Key: key,
          Body: createReadStream(path),
          ContentLength: statSync(path).size,
        }),
      );
    }
    await putS3Object({ client, bucket: "raw", key: KEYS.user, body: `${VALID_USER}\n` });
    const corpusBody = Buffer.concat(corpus.flatMap((body) => [body.bytes, Buffer.from("\n")]));
    await putS3Object({ client, bucket: "raw", key: KEYS.corpus, body: corpusBody });
    await putS3Object({ client, bucket: "raw", key: "big/notes/readme.txt", body: "not a record" });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function readPrefix(prefix: string): Promise<{ items: S3Record[]; growthMb: number }> {
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const items: S3Record[] = [];
    try {
      for await (const item of readS3Records({ client, bucket: "raw", prefix })) items.push(item);
    } finally {
      clearInterval(timer);
    }
    return { items, growthMb: (Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024 };
  }

  describe("readS3Records over the 100 MB line and the 2 GiB bomb (read once)", () => {
    let items: S3Record[] = [];
    let growthMb = 0;
    beforeAll(async () => {
      ({ items, growthMb } = await readPrefix("big/"));
      recordPeak(
        "peak memory (MB)",
        "readS3Records: 100 MB line + 2 GiB bomb, growth of the test process",
        growthMb,
      );
      addCounts("hostile inputs", {
        "S3 objects at scale: tried": 4,
        "S3 objects at scale: rejected": items.filter((item) => item.record === undefined).length,
      });
    });

    it("makes each one rejection with a reason, keeps the user record, in bounded memory", () => {
      const outcome = (item: S3Record): string =>
        `${item.position.key.split("/").pop()} ${item.record === undefined ? `error: ${item.error?.reason}` : "record"}`;
      expect(items.map(outcome)).toEqual([
        expect.stringMatching(/^h\.pin\+0\+0000000000\.json error: record longer than maxLineBytes/),
        expect.stringMatching(/^h\.pin\+0\+0000000001\.json\.gz error: /),
        "h.user+0+0000000000.json record",
        expect.stringMatching(/^readme\.txt error: not a Kafka Connect sink object/),
      ]);
      expect(growthMb).toBeLessThan(MEMORY_HEADROOM_MB);
    });

    // Regression: readS3Records once had no limit on the inflated size of a gzipped object (unlike
    // readLocalRecords): a bomb was inflated to its last byte, time growing with the expansion.
    it("refuses the gzip bomb at a decompressed-size limit, naming the limit", () => {
      expect(items[1]?.error?.reason).toMatch(/decompress|inflat|expan|size limit/i);
      expect(items[1]?.error).toEqual({
        reason: "decompressed size exceeds maxDecompressedBytes (1073741824), rest of object skipped",
        kind: "decompressed-size",
      });
    });
  });

  it("readS3Records: every line of the hostile corpus is one record or one rejection with a reason", async () => {
    const { items, growthMb } = await readPrefix("corpus/");
    expect(items).toHaveLength(corpus.length);
    // Lines are read as readLocalRecords reads them: every JSON text is a record (judging it is the
    // cleaners' job), every other line a rejection with a reason.
    expect(items.map((item) => item.record !== undefined)).toEqual(
      corpus.map((body) => body.json !== "invalid"),
    );
    for (const item of items) if (item.record === undefined) expect(item.error?.reason).toMatch(/\S/);
    const protoKeyed = items.filter((_, index) => corpus[index]?.name === "__proto__ key");
    expect(protoKeyed).toHaveLength(1);
    expect(Object.hasOwn(protoKeyed[0]?.record as object, "__proto__")).toBe(true);
    expect(prototypePolluted()).toBe(false);
    recordPeak("peak memory (MB)", "readS3Records: hostile corpus (4 MiB values), growth", growthMb);
    addCounts("hostile inputs", {
      "S3 corpus: tried": corpus.length,
      "S3 corpus: rejected": items.filter((item) => item.record === undefined).length,
    });
  });

  // Regression: batch once read s3:// through its own reader, without a decompressed-size limit.
  it("pinpipe batch from s3:// runs through the big objects in bounded memory, counting both rejections, the bomb cut at a size limit", async () => {
    const out = join(root, "out");
    const run = await runCli(
      ["batch", "--source", "s3://raw/big", "--out", out, "--run-id", "s3", "--s3-endpoint", s3.endpoint],
      { rssLimitMb: 2_500 },
    );
    expect(run.overMemoryLimit).toBe(false);
    recordPeak("peak memory (MB)", "batch: s3:// 100 MB line + 2 GiB bomb", run.peakRssMb);
    recordPeak("elapsed (s)", "batch: s3:// 100 MB line + 2 GiB bomb", run.ms / 1000);
    expect(run.code, run.stderr).toBe(0);
    // Two rejections: the 100 MB line, and the bomb's one endless line, over --max-line-bytes (the
    // cut at --max-decompressed-bytes falls inside that line, so it is not counted again).
    expect(run.stderr).toMatch(/pin: 0 rows in 0 files, 2 rejected, 0 duplicates/);
    addCounts("hostile inputs", { "S3 objects via batch: tried": 2, "S3 objects via batch: rejected": 2 });
    // All are too long, rejected unread (raw null: their bytes were never read).
    const [state] = await checkBatchOutput(out);
    expect(state?.finished).toBe(true);
    const rejected = state!.rejectedLines.pin ?? [];
    expect(
      rejected.map((line) => [JSON.stringify(line.position), line.reason, line.raw, line.rawEncoding]),
    ).toEqual([
      [expect.stringMatching(/h\.pin\+0\+0000000000\.json"/), "too_long", null, null],
      [expect.stringMatching(/h\.pin\+0\+0000000001\.json\.gz"/), "too_long", null, null],
    ]);
    expect(rejected[1]!.issues[0]!.value).toBe("longer than the line limit");
  });

  // Regression: parseJsonRecord once allocated a stack entry and a path string per array element
  // (an 8 MB line took about 0.9 GB, 16 MB about 1.8 GB and 8 s). Every
  // strict reader (readS3Records, decodeKafkaConnectObject, decodeKinesisRecord) goes through it.
  it("parseJsonRecord judges an 8 MB record of 4 million array elements in bounded memory", async () => {
    const run = await runTypeScript("apps/runner/test/reliability/support/parseWideRecord.ts", ["4000000"], {
      rssLimitMb: 3_000,
    });
    const peakMb = run.peakRssMb;
    recordPeak("peak memory (MB)", "parseJsonRecord: 8 MB line of 4M array elements (own process)", peakMb);
    expect(run.overMemoryLimit).toBe(false);
    expect(run.code, `${run.signal} ${run.stderr}`).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
    expect(peakMb).toBeLessThan(400);
  });
});
