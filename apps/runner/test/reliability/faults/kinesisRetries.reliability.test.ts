import type { KinesisClient } from "@aws-sdk/client-kinesis";
import {
  createKinesisClient,
  createPrng,
  ensureKinesisStream,
  KinesisPutRecordsError,
  putKinesisRecords,
  readKinesisRecords,
} from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";

interface Post {
  readonly ind: number;
  readonly key: string;
}

const posts = (from: number, count: number): Post[] =>
  Array.from({ length: count }, (_, index) => ({ ind: from + index, key: `user-${(from + index) % 37}` }));

describe("Kinesis client, putKinesisRecords and readKinesisRecords through the fault proxy", () => {
  let kinesis: LocalServer;
  let proxy: FaultProxy;
  let direct: KinesisClient;
  const clients: KinesisClient[] = [];
  const jitter = createPrng(5);
  const random = (): number => jitter.nextFloat();

  beforeAll(async () => {
    kinesis = await startLocalKinesis({ createStreamMs: 0 });
    proxy = await startFaultProxy({ target: kinesis.endpoint, service: "kinesis" });
    direct = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    direct?.destroy();
    addCounts("faults injected", proxy.stats().faults);
    await proxy?.stop();
    await kinesis?.stop();
  });

  const viaProxy = (maxAttempts: number, retryMode: "standard" | "adaptive" = "standard"): KinesisClient => {
    const client = createKinesisClient({ endpoint: proxy.endpoint, env: {}, maxAttempts, retryMode });
    clients.push(client);
    return client;
  };

  async function readInds(client: KinesisClient, stream: string, limit = 10_000): Promise<number[]> {
    const inds: number[] = [];
    const reader = readKinesisRecords({
      client,
      stream,
      pollIntervalMs: 20,
      stopWhenIdleMs: 400,
      maxRecordsPerCall: limit,
      backoff: { baseMs: 5, maxMs: 80 },
      random,
    });
    for await (const item of reader) {
      if (!("record" in item)) throw new Error(`undecodable record: ${item.error}`);
      inds.push(item.record.ind as number);
    }
    return inds;
  }

  for (const retryMode of ["standard", "adaptive"] as const) {
    it(`${retryMode} SDK retries: 600 records written and read back exactly once under a 30% fault rate`, async () => {
      const stream = `faults-${retryMode}`;
      await ensureKinesisStream({ client: direct, stream, shardCount: 2, pollIntervalMs: 10 });
      const client = viaProxy(8, retryMode);
      const sent = posts(0, 600);
      // No cut answers on writes: a lost PutRecords answer makes the SDK send again (see below).
      proxy.setPlan({
        rate: 0.3,
        kinds: ["error500", "error503", "throttle", "reset", "delay", "partialPut"],
        seed: retryMode === "standard" ? 31 : 32,
        delayMs: 40,
      });
      const put = await putKinesisRecords({
        client,
        stream,
        records: sent,
        partitionKey: (post) => post.key,
        maxAttempts: 10,
        backoff: { baseMs: 10, maxMs: 200 },
        random,
      });
      expect(put.results.every((result) => result.sequenceNumber !== undefined)).toBe(true);
      proxy.setPlan({
        rate: 0.3,
        kinds: ["error500", "error503", "throttle", "reset", "truncate", "delay"],
        seed: retryMode === "standard" ? 33 : 34,
        delayMs: 40,
      });
      const read = await readInds(client, stream, 50);
      const outcome = compareIds(
        sent.map((post) => post.ind),
        read,
      );
      expect(outcome).toEqual({ sent: 600, written: 600, duplicates: 0, lost: 0 });
      addRecordOutcome(outcome);
    });
  }

  it("its own loops: PutRecords partial failures resent, throttled GetRecords backed off (SDK retries off)", async () => {
    const stream = "faults-own-loops";
    await ensureKinesisStream({ client: direct, stream, shardCount: 1, pollIntervalMs: 10 });
    const client = viaProxy(1);
    const sent = posts(1000, 300);
    // Scheduled faults make sure both loops run at least once; the rate adds more.
    proxy.setPlan({
      rate: 0.5,
      kinds: ["partialPut", "throttle"],
      seed: 41,
      schedule: { 1: "partialPut", 2: "throttle" },
    });
    const retries: number[] = [];
    const put = await putKinesisRecords({
      client,
      stream,
      records: sent,
      partitionKey: (post) => post.key,
      maxAttempts: 20,
      backoff: { baseMs: 5, maxMs: 100 },
      random,
      onRetry: (event) => retries.push(event.entries),
    });
    expect(retries.length).toBeGreaterThan(0);
    expect(put.retriedEntries).toBe(retries.reduce((a, b) => a + b, 0));

    proxy.setPlan({ rate: 0.4, kinds: ["throttle"], seed: 42, schedule: { 2: "throttle" } });
    const backoffs: number[] = [];
    const inds: number[] = [];
    const reader = readKinesisRecords({
      client,
      stream,
      pollIntervalMs: 10,
      stopWhenIdleMs: 400,
      maxRecordsPerCall: 25,
      backoff: { baseMs: 5, maxMs: 80 },
      random,
      onBackoff: (event) => backoffs.push(event.delayMs),
    });
    for await (const item of reader) if ("record" in item) inds.push(item.record.ind as number);
    expect(backoffs.length).toBeGreaterThan(0);
    expect(Math.max(...backoffs)).toBeLessThanOrEqual(80);
    const outcome = compareIds(
      sent.map((post) => post.ind),
      inds,
    );
    expect(outcome).toEqual({ sent: 300, written: 300, duplicates: 0, lost: 0 });
    addRecordOutcome(outcome);
  });

  it("putKinesisRecords gives up with KinesisPutRecordsError listing the refused records when every entry is refused", async () => {
    const stream = "faults-give-up-put";
    await ensureKinesisStream({ client: direct, stream, shardCount: 1, pollIntervalMs: 10 });
    proxy.setPlan({ rate: 1, kinds: ["partialPut"], partialShare: 1 });
    const started = performance.now();
    const error = await putKinesisRecords({
      client: viaProxy(1),
      stream,
      records: posts(0, 5),
      partitionKey: "k",
      maxAttempts: 4,
      backoff: { baseMs: 5, maxMs: 50 },
      random,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(KinesisPutRecordsError);
    expect((error as KinesisPutRecordsError).failed.map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4]);
    expect((error as Error).message).toMatch(
      /5 record\(s\) still rejected after 4 attempt\(s\) \(ProvisionedThroughputExceededException\)/,
    );
    recordPeak(
      "elapsed (s)",
      "PutRecords 100% refused, give-up after 4 attempts",
      (performance.now() - started) / 1000,
    );
  });

  it("readKinesisRecords gives up after maxThrottleRetries with the throttling error when every call is throttled", async () => {
    const stream = "faults-give-up-read";
    await ensureKinesisStream({ client: direct, stream, shardCount: 1, pollIntervalMs: 10 });
    proxy.setPlan({ rate: 1, kinds: ["throttle"] });
    const started = performance.now();
    const backoffs: number[] = [];
    const reader = readKinesisRecords({
      client: viaProxy(2),
      stream,
      stopWhenIdleMs: 100,
      maxThrottleRetries: 6,
      backoff: { baseMs: 10, maxMs: 100 },
      random,
      onBackoff: (event) => backoffs.push(event.attempt),
    });
    const error = await (async () => {
      for await (const _ of reader) {
        // No record can come through.
      }
    })().then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.name).toBe("ProvisionedThroughputExceededException");
    expect(backoffs).toEqual([1, 2, 3, 4, 5, 6]);
    recordPeak("elapsed (s)", "Kinesis read 100% throttled, give-up", (performance.now() - started) / 1000);
  });

  it("a lost PutRecords answer makes the SDK send the call again: the stream then holds those records twice", async () => {
    const stream = "faults-lost-answer";
    await ensureKinesisStream({ client: direct, stream, shardCount: 1, pollIntervalMs: 10 });
    proxy.setPlan({
      schedule: { 1: "truncate" },
      appliesTo: (request) => request.operation === "PutRecords",
    });
    await putKinesisRecords({ client: viaProxy(3), stream, records: posts(0, 10), partitionKey: "k" });
    proxy.setPlan({});
    const inds = await readInds(direct, stream);
    // At-least-once: Kinesis has no idempotent put, so consumers must drop repeats (the stream job keys by ind).
    expect(inds.sort((a, b) => a - b)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    addCounts("records", { "redelivered after a lost PutRecords answer (at-least-once)": 10 });
  });
});
