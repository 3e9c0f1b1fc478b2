import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createS3Client, listS3Objects } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultKind, type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addCounts, recordPeak } from "../support/reliabilityTally";

/** Every fault the SDK can see on calls whose answer it reads whole (not streamed object bodies). */
const KINDS: readonly FaultKind[] = ["error500", "error503", "throttle", "reset", "truncate", "delay"];

describe("S3 client through the fault proxy", () => {
  let s3: LocalS3Server;
  let proxy: FaultProxy;
  const clients: S3Client[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw"] });
    proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    addCounts("faults injected", proxy.stats().faults);
    await proxy?.stop();
    await s3?.stop();
  });

  const clientFor = (retryMode: "standard" | "adaptive", maxAttempts: number): S3Client => {
    const client = createS3Client({ endpoint: proxy.endpoint, env: {}, retryMode, maxAttempts });
    clients.push(client);
    return client;
  };

  for (const retryMode of ["standard", "adaptive"] as const) {
    it(`${retryMode} retries: puts, heads, lists and deletes all succeed under a 25% fault rate`, async () => {
      const client = clientFor(retryMode, 10);
      proxy.setPlan({ rate: 0.25, kinds: KINDS, seed: retryMode === "standard" ? 21 : 22, delayMs: 50 });
      const before = proxy.stats();
      const prefix = `${retryMode}/`;
      const keys = Array.from(
        { length: 40 },
        (_, index) => `${prefix}object-${String(index).padStart(3, "0")}.json`,
      );
      let attempts = 0;
      for (const key of keys) {
        const put = await client.send(
          new PutObjectCommand({ Bucket: "raw", Key: key, Body: `{"key":"${key}"}\n` }),
        );
        const head = await client.send(new HeadObjectCommand({ Bucket: "raw", Key: key }));
        expect(head.ContentLength).toBe(`{"key":"${key}"}\n`.length);
        attempts += (put.$metadata.attempts ?? 1) + (head.$metadata.attempts ?? 1);
      }
      const listed: string[] = [];
      for await (const object of listS3Objects({ client, bucket: "raw", prefix, pageSize: 7 })) {
        listed.push(object.key);
      }
      expect(listed).toEqual(keys);
      for (const key of keys.slice(0, 10))
        await client.send(new DeleteObjectCommand({ Bucket: "raw", Key: key }));
      const after =
        (await client.send(new ListObjectsV2Command({ Bucket: "raw", Prefix: prefix }))).Contents ?? [];
      expect(after.map((object) => object.Key)).toEqual(keys.slice(10));

      const stats = proxy.stats();
      const injected = KINDS.reduce((sum, kind) => sum + stats.faults[kind] - before.faults[kind], 0);
      const requests = stats.requests - before.requests;
      // The plan really did fail about a quarter of the calls, and the SDK retried them.
      expect(injected / requests).toBeGreaterThan(0.12);
      expect(injected / requests).toBeLessThan(0.4);
      expect(attempts).toBeGreaterThan(keys.length * 2);
      addCounts("records", { "S3 objects put through faults": keys.length });
    });
  }

  it("gives up after maxAttempts with the service's own error when every call is throttled", async () => {
    const client = clientFor("standard", 4);
    proxy.setPlan({ rate: 1, kinds: ["throttle"] });
    const before = proxy.stats().requests;
    const started = performance.now();
    const error = await client.send(new ListObjectsV2Command({ Bucket: "raw" })).then(
      () => undefined,
      (reason: unknown) => reason as Error & { $metadata?: { attempts?: number; totalRetryDelay?: number } },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(error?.name).toBe("SlowDown");
    expect(error?.message).toMatch(/reduce your request rate/);
    expect(error?.$metadata?.attempts).toBe(4);
    expect(proxy.stats().requests - before).toBe(4);
    // Throttling backoff: 3 waits capped at 20 s each by the SDK; far less in practice.
    expect(seconds).toBeLessThan(60);
    recordPeak("elapsed (s)", "S3 100% throttled, give-up after 4 attempts", seconds);
  });

  it("gives up on connection resets after maxAttempts with a network error", async () => {
    const client = clientFor("adaptive", 3);
    proxy.setPlan({ rate: 1, kinds: ["reset"] });
    const started = performance.now();
    const error = await client.send(new HeadObjectCommand({ Bucket: "raw", Key: "x" })).then(
      () => undefined,
      (reason: unknown) => reason as Error & { $metadata?: { attempts?: number } },
    );
    expect(error?.message).toMatch(/socket hang up|ECONNRESET/);
    expect(error?.$metadata?.attempts).toBe(3);
    recordPeak(
      "elapsed (s)",
      "S3 100% resets, give-up after 3 attempts",
      (performance.now() - started) / 1000,
    );
  });

  it("waits at most a capped, doubling delay between attempts, with jitter", async () => {
    const client = clientFor("standard", 6);
    const runs: { waited: number; gaps: number[] }[] = [];
    for (let run = 0; run < 3; run++) {
      // Five 500s then success: the SDK's non-throttling backoff is random(0, 1) × 100 ms × 2^attempt.
      proxy.setPlan({
        schedule: { 1: "error500", 2: "error500", 3: "error500", 4: "error500", 5: "error500" },
      });
      const from = proxy.stats().events.length;
      const answer = await client.send(new ListObjectsV2Command({ Bucket: "raw" }));
      expect(answer.$metadata.attempts).toBe(6);
      const times = proxy
        .stats()
        .events.slice(from)
        .map((event) => event.atMs);
      runs.push({
        waited: answer.$metadata.totalRetryDelay ?? Number.NaN,
        gaps: times.slice(1).map((at, index) => at - times[index]!),
      });
    }
    // Caps of the five waits: 200, 400, 800, 1600 and 3200 ms.
    const caps = [1, 2, 3, 4, 5].map((attempt) => 100 * 2 ** attempt);
    for (const { waited, gaps } of runs) {
      expect(gaps).toHaveLength(5);
      // What the SDK says it waited stays under the sum of the caps; what the proxy saw agrees,
      // up to a generous allowance for a busy machine.
      expect(waited).toBeLessThanOrEqual(caps.reduce((a, b) => a + b, 0));
      for (const [index, gap] of gaps.entries()) expect(gap).toBeLessThan(caps[index]! + 1_000);
    }
    // Jitter: three runs of the same schedule do not wait the same.
    expect(new Set(runs.map((run) => run.waited)).size).toBeGreaterThan(1);
  });
});
