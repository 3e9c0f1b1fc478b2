import type { S3Client } from "@aws-sdk/client-s3";
import {
  createS3Client,
  formatKafkaConnectKey,
  getS3Object,
  putS3Object,
  readS3Records,
} from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/faults/index";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts } from "../support/reliabilityTally";

const OBJECTS = 12;
const LINES = 40;

/** Object GETs only: the faults that hit a streamed body. */
const isObjectGet = (request: { method: string; path: string }): boolean =>
  request.method === "GET" && /^\/raw\/topics\/.+\.json/.test(request.path);

describe("S3 object bodies cut mid-stream (the SDK does not retry a body it already handed over)", () => {
  let s3: LocalS3Server;
  let proxy: FaultProxy;
  let direct: S3Client;
  let client: S3Client;
  const sent: number[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw"] });
    proxy = await startFaultProxy({ target: s3.endpoint, service: "s3" });
    direct = createS3Client({ endpoint: s3.endpoint, env: {} });
    client = createS3Client({ endpoint: proxy.endpoint, env: {}, maxAttempts: 8 });
    for (let object = 0; object < OBJECTS; object++) {
      const lines: string[] = [];
      for (let line = 0; line < LINES; line++) {
        const ind = object * LINES + line;
        sent.push(ind);
        lines.push(JSON.stringify({ index: ind, title: `pin ${ind} ${"x".repeat(200)}` }));
      }
      const key = formatKafkaConnectKey({
        topic: "t.pin",
        partition: 0,
        startOffset: object * LINES,
        ext: "json",
      });
      await putS3Object({ client: direct, bucket: "raw", key, body: `${lines.join("\n")}\n` });
    }
  });
  afterAll(async () => {
    addCounts("faults injected", proxy.stats().faults);
    client?.destroy();
    direct?.destroy();
    await proxy?.stop();
    await s3?.stop();
  });

  async function readAll(): Promise<{ inds: number[]; errors: string[] }> {
    const inds: number[] = [];
    const errors: string[] = [];
    for await (const item of readS3Records({ client, bucket: "raw", prefix: "topics/" })) {
      if (item.record === undefined) errors.push(item.error?.reason ?? "?");
      else inds.push((item.record as { index: number }).index);
    }
    return { inds, errors };
  }

  it("readS3Records gets every record when faults hit before the body (resets, 503s, throttling)", async () => {
    proxy.setPlan({ rate: 0.3, kinds: ["reset", "error503", "throttle", "error500"], seed: 51 });
    const { inds, errors } = await readAll();
    expect(errors).toEqual([]);
    const outcome = compareIds(sent, inds);
    expect(outcome).toEqual({ sent: OBJECTS * LINES, written: OBJECTS * LINES, duplicates: 0, lost: 0 });
    addRecordOutcome(outcome);
  });

  it("getS3Object fails with a clear error when the body is cut (the caller must retry)", async () => {
    proxy.setPlan({ schedule: { 1: "truncate" }, appliesTo: isObjectGet });
    const key = formatKafkaConnectKey({ topic: "t.pin", partition: 0, startOffset: 0, ext: "json" });
    await expect(getS3Object({ client, bucket: "raw", key })).rejects.toThrow(
      /aborted|ECONNRESET|premature/i,
    );
  });

  // Regression: readS3Records once reported a cut body as an error and skipped the rest of the object.
  it("readS3Records gets every record once when object bodies are cut mid-stream", async () => {
    proxy.setPlan({ rate: 0.3, kinds: ["truncate"], seed: 52, appliesTo: isObjectGet });
    const { inds, errors } = await readAll();
    const outcome = compareIds(sent, inds);
    addRecordOutcome(outcome);
    expect(errors).toEqual([]);
    expect(outcome).toEqual({ sent: OBJECTS * LINES, written: OBJECTS * LINES, duplicates: 0, lost: 0 });
  });
});
