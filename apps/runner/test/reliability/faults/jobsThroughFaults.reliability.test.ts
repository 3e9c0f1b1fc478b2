import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  createKinesisClient,
  createS3Client,
  ensureKinesisStream,
  generatePostLines,
  generatePosts,
  getS3Object,
  listS3Objects,
  putKinesisRecords,
  writeS3KafkaConnectLayout,
} from "@pinpipe/ingest";
import { type LocalS3Server, type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStreamOutput } from "../support/checkStreamOutput";
import { type FaultKind, type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

const TABLES = ["pin", "geo", "user"] as const;
/** Every fault a GET, LIST or PUT can meet (partial PutRecords is Kinesis-only). */
const S3_KINDS: readonly FaultKind[] = ["error500", "error503", "throttle", "reset", "truncate", "delay"];
const env = { ...process.env, AWS_MAX_ATTEMPTS: "8" };

describe("the jobs through the fault proxy: same output as without faults", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-jobs-faults-"));
  let s3: LocalS3Server;
  let kinesis: LocalServer;
  let s3Proxy: FaultProxy;
  let kinesisProxy: FaultProxy;
  let s3Client: S3Client;
  let kinesisClient: KinesisClient;

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw", "out"] });
    kinesis = await startLocalKinesis({ createStreamMs: 0 });
    s3Proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
    kinesisProxy = await startFaultProxy({ target: kinesis.endpoint, service: "kinesis" });
    s3Client = createS3Client({ endpoint: s3.endpoint, env: {} });
    kinesisClient = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  });
  afterAll(async () => {
    addCounts("faults injected", s3Proxy.stats().faults);
    addCounts("faults injected", kinesisProxy.stats().faults);
    s3Client?.destroy();
    kinesisClient?.destroy();
    await s3Proxy?.stop();
    await kinesisProxy?.stop();
    await s3?.stop();
    await kinesis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Every object of a finished batch run under `prefix`, manifest aside: key → bytes as text. */
  async function runObjects(prefix: string): Promise<Map<string, string>> {
    const objects = new Map<string, string>();
    for await (const object of listS3Objects({ client: s3Client, bucket: "out", prefix })) {
      const name = object.key.slice(prefix.length);
      if (name === "manifest.json") continue;
      objects.set(
        name,
        (await getS3Object({ client: s3Client, bucket: "out", key: object.key })).toString("base64"),
      );
    }
    return objects;
  }

  const batchArgs = (out: string, runId: string): string[] => [
    "batch",
    "--source",
    "s3://raw/jobs",
    "--out",
    out,
    "--run-id",
    runId,
    "--s3-endpoint",
    s3Proxy.endpoint,
  ];
  /** A GET of a raw topic object: the body the job streams. */
  const isTopicRead = (request: { method: string; path: string }): boolean =>
    request.method === "GET" && request.path.startsWith("/raw/jobs/topics/");

  describe("batch s3:// → s3://", () => {
    let expected: Map<string, string>;

    beforeAll(async () => {
      const lines: Record<string, string[]> = { pin: [], geo: [], user: [] };
      for (const post of generatePostLines({ seed: 41, count: 120, dirty: 0.1 })) {
        for (const table of TABLES) lines[table]!.push(post[table]);
      }
      for (const table of TABLES) {
        await writeS3KafkaConnectLayout({
          client: s3Client,
          bucket: "raw",
          keyPrefix: "jobs",
          topicPrefix: "jobs",
          table,
          records: lines[table]!,
          partitions: 2,
          recordsPerObject: 10,
        });
      }
      s3Proxy.setPlan({});
      const clean = await runCli(batchArgs("s3://out/clean", "r"), { env });
      expect(clean.code, clean.stderr).toBe(0);
      expected = await runObjects("clean/runs/r/");
    });

    it("under a 25% fault rate (every kind, cut object bodies included) writes the same run as without faults", async () => {
      s3Proxy.setPlan({
        rate: 0.25,
        kinds: S3_KINDS,
        seed: 61,
        delayMs: 30,
      });
      const before = s3Proxy.stats().requests;
      const faulty = await runCli(batchArgs("s3://out/faulty", "r"), { env });
      const requests = s3Proxy.stats().requests - before;
      s3Proxy.setPlan({});
      expect(faulty.code, faulty.stderr).toBe(0);
      expect(requests).toBeGreaterThan(50);
      const found = await runObjects("faulty/runs/r/");
      expect([...found.keys()]).toEqual([...expected.keys()]);
      expect(found).toEqual(expected);
      addCounts("records", { "batch through S3 faults: objects identical to a fault-free run": found.size });
    });

    // Regression: batch once read s3:// through its own reader, which failed the whole run when a raw
    // object's body was cut mid-stream; it now reads through readS3Records, which reads the object again.
    it("with 20% of object bodies cut mid-stream still finishes, with the same run as without faults", async () => {
      s3Proxy.setPlan({ rate: 0.2, kinds: ["truncate"], appliesTo: isTopicRead, seed: 63 });
      const faulty = await runCli(batchArgs("s3://out/cut", "r"), { env });
      s3Proxy.setPlan({});
      expect(faulty.code, faulty.stderr).toBe(0);
      expect(await runObjects("cut/runs/r/")).toEqual(expected);
    });
  });

  it("stream reading Kinesis under a 25% fault rate writes every record once", async () => {
    const streams = { pin: "faulty-pin", geo: "faulty-geo", user: "faulty-user" };
    for (const stream of Object.values(streams)) {
      await ensureKinesisStream({ client: kinesisClient, stream, shardCount: 2 });
    }
    const posts = [...generatePosts({ seed: 43, count: 400 })];
    for (const table of TABLES) {
      await putKinesisRecords({
        client: kinesisClient,
        stream: streams[table],
        records: posts.map((post) => post[table] as unknown as Record<string, unknown>),
        partitionKey: (record) => String(record.ind ?? record.index),
      });
    }
    kinesisProxy.setPlan({
      rate: 0.25,
      kinds: ["error500", "error503", "throttle", "reset", "truncate", "delay"],
      seed: 62,
      delayMs: 30,
    });
    const out = join(root, "stream");
    const run = await runCli(
      [
        "stream",
        "--format",
        "parquet",
        "--out",
        out,
        "--streams",
        `${streams.pin},${streams.geo},${streams.user}`,
        "--until-idle",
        "1",
        "--batch-records",
        "50",
        "--poll-ms",
        "50",
        "--kinesis-endpoint",
        kinesisProxy.endpoint,
      ],
      { env },
    );
    kinesisProxy.setPlan({});
    expect(run.code, run.stderr).toBe(0);
    const state = await checkStreamOutput(out, streams);
    for (const table of TABLES) {
      const sent = posts.map((post) =>
        Number(
          (post[table] as unknown as Record<string, unknown>).ind ??
            (post[table] as unknown as Record<string, unknown>).index,
        ),
      );
      const outcome = compareIds(sent, state.inds[table] ?? []);
      expect(outcome, table).toEqual({ sent: 400, written: 400, duplicates: 0, lost: 0 });
      addRecordOutcome(outcome);
    }
  });
});
