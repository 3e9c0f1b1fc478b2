import type { PutRecordsCommandInput } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import {
  IngestInputError,
  KINESIS_LIMITS,
  KinesisPutRecordsError,
  type KinesisWriteApi,
  putKinesisRecords,
} from "../../src/index";
import { serviceError } from "./fakeKinesis";

type Answer = { ErrorCode?: string; ErrorMessage?: string } | "ok";

/** PutRecords that answers each call with a scripted per-entry outcome (default: all stored). */
function scriptedApi(script: ((input: PutRecordsCommandInput) => Answer[] | Error)[]) {
  const calls: PutRecordsCommandInput[] = [];
  let sequence = 0;
  const api: KinesisWriteApi = {
    async putRecords(input) {
      calls.push(input);
      const step = script.shift();
      const answers = step ? step(input) : (input.Records ?? []).map((): Answer => "ok");
      if (answers instanceof Error) throw answers;
      return {
        FailedRecordCount: answers.filter((answer) => answer !== "ok").length,
        Records: answers.map((answer) => {
          if (answer !== "ok") return answer;
          sequence += 1;
          return { ShardId: "shardId-000000000000", SequenceNumber: String(sequence) };
        }),
      };
    },
  };
  return { api, calls };
}

const decode = (data: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(data));
const throttled = { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded" };
const tiny = { baseMs: 1, maxMs: 2 };

describe("putKinesisRecords", () => {
  it("sends only the rejected entries again, and reports where every record went", async () => {
    const { api, calls } = scriptedApi([
      (input) => (input.Records ?? []).map((_, i): Answer => (i % 2 === 1 ? throttled : "ok")),
    ]);
    const records = [{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const result = await putKinesisRecords({
      client: api,
      stream: "s",
      records,
      partitionKey: (r) => `k${r.n}`,
      backoff: tiny,
    });

    expect(calls).toHaveLength(2);
    expect(calls[1]?.Records?.map((entry) => decode(entry.Data))).toEqual([{ n: 1 }, { n: 3 }]);
    expect(calls[1]?.Records?.map((entry) => entry.PartitionKey)).toEqual(["k1", "k3"]);
    expect(calls.every((call) => call.StreamName === "s")).toBe(true);
    expect(result.requests).toBe(2);
    expect(result.retriedEntries).toBe(2);
    // Sequence numbers: first call stored n=0,2,4 as 1,2,3; the retry stored n=1,3 as 4,5.
    expect(result.results.map((r) => r.sequenceNumber)).toEqual(["1", "4", "2", "5", "3"]);
  });

  it("fails with the still-rejected entries after maxAttempts", async () => {
    const alwaysRejectSecond = (input: PutRecordsCommandInput) =>
      (input.Records ?? []).map(
        (entry): Answer => ((decode(entry.Data) as { n: number }).n === 1 ? throttled : "ok"),
      );
    const { api, calls } = scriptedApi([alwaysRejectSecond, alwaysRejectSecond, alwaysRejectSecond]);
    const attempt = putKinesisRecords({
      client: api,
      stream: "s",
      records: [{ n: 0 }, { n: 1 }],
      partitionKey: "k",
      maxAttempts: 3,
      backoff: tiny,
    });
    await expect(attempt).rejects.toBeInstanceOf(KinesisPutRecordsError);
    await expect(attempt).rejects.toMatchObject({
      failed: [
        { index: 1, errorCode: "ProvisionedThroughputExceededException", errorMessage: "Rate exceeded" },
      ],
      message: expect.stringContaining("1 record(s) still rejected after 3 attempt(s)"),
    });
    expect(calls).toHaveLength(3);
  });

  it("does not retry entries rejected for a KMS key problem", async () => {
    const { api, calls } = scriptedApi([
      () => [{ ErrorCode: "KMSAccessDeniedException", ErrorMessage: "no" }],
    ]);
    await expect(
      putKinesisRecords({ client: api, stream: "s", records: [{ n: 0 }], partitionKey: "k", backoff: tiny }),
    ).rejects.toMatchObject({ failed: [{ index: 0, errorCode: "KMSAccessDeniedException" }] });
    expect(calls).toHaveLength(1);
  });

  it("retries a whole call that is throttled, and passes other errors through", async () => {
    const { api, calls } = scriptedApi([() => serviceError("ProvisionedThroughputExceededException")]);
    const result = await putKinesisRecords({
      client: api,
      stream: "s",
      records: [{ n: 0 }],
      partitionKey: "k",
      backoff: tiny,
    });
    expect(calls).toHaveLength(2);
    expect(result.results).toHaveLength(1);

    const denied = scriptedApi([() => serviceError("AccessDeniedException")]);
    await expect(
      putKinesisRecords({ client: denied.api, stream: "s", records: [{ n: 0 }], partitionKey: "k" }),
    ).rejects.toMatchObject({ name: "AccessDeniedException" });
    expect(denied.calls).toHaveLength(1);
  });

  it("splits requests at the shared KINESIS_LIMITS: 500 entries or 5 MiB", async () => {
    const { api, calls } = scriptedApi([]);
    // Each record is 1,000,000 bytes of JSON plus its 1-byte key: five fit 5 MiB, the sixth does not.
    const text = "x".repeat(1_000_000 - 11);
    const records = Array.from({ length: 7 }, () => ({ text }));
    await putKinesisRecords({ client: api, stream: "s", records, partitionKey: "k" });
    const sizes = calls.map((call) =>
      (call.Records ?? []).reduce((sum, entry) => sum + (entry.Data?.length ?? 0) + 1, 0),
    );
    expect(calls.map((call) => call.Records?.length)).toEqual([5, 2]);
    expect(sizes.every((bytes) => bytes <= KINESIS_LIMITS.maxRequestBytes)).toBe(true);
  });

  it("splits large inputs into requests of at most 500 entries", async () => {
    const { api, calls } = scriptedApi([]);
    const records = Array.from({ length: 1201 }, (_, n) => ({ n }));
    const result = await putKinesisRecords({
      client: api,
      stream: "s",
      records,
      partitionKey: (r) => String(r.n % 10),
    });
    expect(calls.map((call) => call.Records?.length)).toEqual([500, 500, 201]);
    expect(result.results).toHaveLength(1201);
  });

  it("rejects what AWS would refuse before sending anything", async () => {
    const { api, calls } = scriptedApi([]);
    const put = (records: readonly unknown[], partitionKey: string) =>
      putKinesisRecords({ client: api, stream: "s", records, partitionKey });
    await expect(put([{ n: 0 }], "")).rejects.toThrow(/records\[0\]: partition key is empty/);
    await expect(put([{ n: 0 }], "k".repeat(257))).rejects.toThrow(/longer than 256 characters/);
    await expect(put([{ text: "x".repeat(1024 * 1024) }], "k")).rejects.toThrow(
      /over the 1048576-byte record limit/,
    );
    await expect(put([{ n: 0 }, "not an object"], "k")).rejects.toBeInstanceOf(IngestInputError);
    await expect(put([{ n: Number.NaN }], "k")).rejects.toThrow(/not finite/);
    await expect(
      putKinesisRecords({ client: api, stream: "s", records: [{}], partitionKey: "k", maxAttempts: 0 }),
    ).rejects.toThrow(/maxAttempts/);
    expect(calls).toHaveLength(0);
  });

  it("refuses an answer that does not match the request", async () => {
    const { api } = scriptedApi([() => ["ok"]]);
    await expect(
      putKinesisRecords({ client: api, stream: "s", records: [{ n: 0 }, { n: 1 }], partitionKey: "k" }),
    ).rejects.toThrow(/answered 1 entries for 2 sent/);
  });
});
