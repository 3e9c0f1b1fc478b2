import type { KinesisReadApi } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import { trackBehindLatest } from "../../src/stream/trackBehindLatest";

/** A fake shard reader: iterator "<shard>/<n>" answers with the lag given for it. */
function fakeApi(lags: Record<string, number | "closed">): KinesisReadApi {
  return {
    listShards: async () => ({ Shards: [] }),
    getShardIterator: async (input) => ({ ShardIterator: `${input.ShardId}/0` }),
    getRecords: async (input) => {
      const iterator = input.ShardIterator ?? "";
      const lag = lags[iterator];
      const [shard, n] = iterator.split("/") as [string, string];
      return lag === "closed"
        ? { Records: [], NextShardIterator: undefined }
        : { Records: [], MillisBehindLatest: lag ?? 0, NextShardIterator: `${shard}/${Number(n) + 1}` };
    },
  };
}

describe("trackBehindLatest", () => {
  it("reports the largest MillisBehindLatest over the shards being read, following each shard's iterators", async () => {
    const tracked = trackBehindLatest(fakeApi({ "a/0": 5000, "a/1": 0, "b/0": 1200, "b/1": "closed" }));
    expect(tracked.behindMs()).toBeUndefined();
    const a = await tracked.api.getShardIterator({
      StreamName: "s",
      ShardId: "a",
      ShardIteratorType: "LATEST",
    });
    const b = await tracked.api.getShardIterator({
      StreamName: "s",
      ShardId: "b",
      ShardIteratorType: "LATEST",
    });
    const a1 = await tracked.api.getRecords({ ShardIterator: a.ShardIterator });
    expect(tracked.behindMs()).toBe(5000);
    const b1 = await tracked.api.getRecords({ ShardIterator: b.ShardIterator });
    expect(tracked.behindMs()).toBe(5000);
    await tracked.api.getRecords({ ShardIterator: a1.NextShardIterator });
    expect(tracked.behindMs()).toBe(1200);
    // A shard read to its end no longer counts.
    await tracked.api.getRecords({ ShardIterator: b1.NextShardIterator });
    expect(tracked.behindMs()).toBe(0);
  });

  it("ignores answers to iterators it did not hand out", async () => {
    const tracked = trackBehindLatest(fakeApi({ "x/0": 9000 }));
    await tracked.api.getRecords({ ShardIterator: "x/0" });
    expect(tracked.behindMs()).toBeUndefined();
  });
});
