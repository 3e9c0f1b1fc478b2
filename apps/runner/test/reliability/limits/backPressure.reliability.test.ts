import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import {
  createKinesisClient,
  ensureKinesisStream,
  generatePostLines,
  generatePosts,
  putKinesisRecords,
  readLocalRecords,
} from "@pinpipe/ingest";
import { type LocalS3Server, type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

const MEMORY_HEADROOM_MB = 150;

describe("back-pressure: producers that outrun the sink do not grow memory", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-backpressure-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("readLocalRecords feeding a slow consumer reads no further ahead than it is asked", async () => {
    const path = join(root, "pins.ndjson");
    const fd = openSync(path, "w");
    let lines = 0;
    let bytes = 0;
    // About 80 MB of real-looking pins, written in chunks (never one big string).
    for (let round = 0; round < 40; round++) {
      const chunk = `${[...generatePostLines({ seed: round, count: 2_000 })].map((post) => post.pin).join("\n")}\n`;
      bytes += writeSync(fd, chunk);
      lines += 2_000;
    }
    closeSync(fd);
    const base = process.memoryUsage().rss;
    let peak = base;
    let read = 0;
    for await (const item of readLocalRecords(path, { table: "pin" })) {
      if (item.record !== undefined) read += 1;
      // The slow sink: a pause every 2,000 records.
      if (read % 2_000 === 0) {
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const growthMb = (peak - base) / 1024 / 1024;
    expect(read).toBe(lines);
    recordPeak(
      "peak memory (MB)",
      `readLocalRecords → slow consumer, ${Math.round(bytes / 1e6)} MB file, growth`,
      growthMb,
    );
    expect(growthMb).toBeLessThan(64);
  });

  describe("pinpipe stream writing to S3 through a proxy that delays every request", () => {
    let kinesis: LocalServer;
    let s3: LocalS3Server;
    let proxy: FaultProxy;
    let client: KinesisClient;
    const streams = { pin: "bp-pin", geo: "bp-geo", user: "bp-user" };

    beforeAll(async () => {
      kinesis = await startLocalKinesis({ createStreamMs: 0 });
      s3 = await startLocalS3({ buckets: ["out"] });
      proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
      client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
      for (const stream of Object.values(streams))
        await ensureKinesisStream({ client, stream, shardCount: 1 });
    });
    afterAll(async () => {
      client?.destroy();
      addCounts("faults injected", proxy.stats().faults);
      await proxy?.stop();
      await s3?.stop();
      await kinesis?.stop();
    });

    const streamRun = (prefix: string) =>
      runCli(
        [
          "stream",
          "--format",
          "parquet",
          "--out",
          `s3://out/${prefix}`,
          "--streams",
          `${streams.pin},${streams.geo},${streams.user}`,
          "--until-idle",
          "1",
          "--batch-records",
          "200",
          "--poll-ms",
          "50",
          "--kinesis-endpoint",
          kinesis.endpoint,
          "--s3-endpoint",
          proxy.endpoint,
        ],
        { rssLimitMb: 2_000, timeoutMs: 240_000 },
      );

    it("drains a stream filled several times faster than the sink writes (rates recorded), with memory near its idle size", async () => {
      const posts = [...generatePosts({ seed: 77, count: 4_300 })];
      // Baseline: the same job, sink not slowed, on a few hundred records.
      proxy.setPlan({});
      await putKinesisRecords({
        client,
        stream: streams.pin,
        records: posts.slice(0, 300).map((post) => post.pin),
        partitionKey: (pin) => String(pin.index),
      });
      const baseline = await streamRun("baseline");
      expect(baseline.code, baseline.stderr).toBe(0);

      // Every S3 request now waits 300 ms: a 200-record batch costs two round trips, about 330 records/s.
      proxy.setPlan({ rate: 1, kinds: ["delay"], delayMs: 300 });
      const started = performance.now();
      const job = streamRun("slow");
      // The producer sends as fast as kinesalite takes them meanwhile (thousands per second).
      let sent = 300;
      for (let from = 300; from < posts.length; from += 500) {
        const chunk = posts.slice(from, from + 500).map((post) => post.pin);
        await putKinesisRecords({
          client,
          stream: streams.pin,
          records: chunk,
          partitionKey: (pin) => String(pin.index),
        });
        sent += chunk.length;
      }
      const producerSeconds = (performance.now() - started) / 1000;
      const run = await job;
      const jobSeconds = (performance.now() - started) / 1000;
      expect(run.code, run.stderr).toBe(0);
      expect(run.overMemoryLimit).toBe(false);
      const produced = sent / producerSeconds;
      // The slow run starts from the stream's start, baseline records included.
      const drained = sent / jobSeconds;
      recordPeak("peak memory (MB)", "stream, idle-size baseline (300 records)", baseline.peakRssMb);
      recordPeak(
        "peak memory (MB)",
        `stream draining ${sent} records, producer ${Math.round(produced)}/s vs sink ${Math.round(drained)}/s`,
        run.peakRssMb,
      );
      addCounts("records", { "back-pressure: records drained through a slow sink": sent });
      expect(run.stdout).toMatch(new RegExp(`pin +${streams.pin}: ${sent} records \\(${sent} clean`));
      expect(run.peakRssMb).toBeLessThan(baseline.peakRssMb + MEMORY_HEADROOM_MB);
    });
  });
});
