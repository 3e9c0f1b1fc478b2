import type { KinesisReadApi } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import { observeShardAnswers } from "../../src/stream/observeShardAnswers";

/** A fake shard reader: iterator "<shard>/<n>" answers one record "<shard>-<n>"; "<shard>/<last>" closes the shard. */
function fakeApi(last: number, closedAs: "undefined" | "null" = "undefined"): KinesisReadApi {
  // Emulators answer a JSON null for a closed shard, which the SDK's type does not admit.
  const closed = closedAs === "null" ? (null as unknown as undefined) : undefined;
  return {
    listShards: async () => ({ Shards: [] }),
    getShardIterator: async (input) => ({ ShardIterator: `${input.ShardId}/0` }),
    getRecords: async (input) => {
      const [shard, n] = (input.ShardIterator ?? "").split("/") as [string, string];
      return {
        Records: [{ Data: new Uint8Array(), SequenceNumber: `${shard}-${n}` }],
        NextShardIterator: Number(n) === last ? closed : `${shard}/${Number(n) + 1}`,
      };
    },
  };
}

type Seen = [shardId: string, sequenceNumber: string | undefined, closed: boolean];

function observed(api: KinesisReadApi): { api: KinesisReadApi; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    api: observeShardAnswers(api, (shardId, output, closed) => {
      seen.push([shardId, output.Records?.[0]?.SequenceNumber, closed]);
    }),
    seen,
  };
}

const iteratorOf = (api: KinesisReadApi, shardId: string) =>
  api.getShardIterator({ StreamName: "s", ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });

describe("observeShardAnswers", () => {
  it("names the shard of each answer by following its iterators, and says when the shard closes", async () => {
    const { api, seen } = observed(fakeApi(1));
    const a = await iteratorOf(api, "a");
    const b = await iteratorOf(api, "b");
    const a1 = await api.getRecords({ ShardIterator: a.ShardIterator });
    const b1 = await api.getRecords({ ShardIterator: b.ShardIterator });
    await api.getRecords({ ShardIterator: a1.NextShardIterator });
    await api.getRecords({ ShardIterator: b1.NextShardIterator });
    expect(seen).toEqual([
      ["a", "a-0", false],
      ["b", "b-0", false],
      ["a", "a-1", true],
      ["b", "b-1", true],
    ]);
  });

  it("takes a null next iterator as a closed shard too", async () => {
    const { api, seen } = observed(fakeApi(0, "null"));
    const a = await iteratorOf(api, "a");
    await api.getRecords({ ShardIterator: a.ShardIterator });
    expect(seen).toEqual([["a", "a-0", true]]);
  });

  it("passes answers through unchanged and does not observe iterators it did not hand out", async () => {
    const { api, seen } = observed(fakeApi(5));
    const answer = await api.getRecords({ ShardIterator: "x/0" });
    expect(answer).toEqual({
      Records: [{ Data: new Uint8Array(), SequenceNumber: "x-0" }],
      NextShardIterator: "x/1",
    });
    // Nor the iterators that follow one it did not hand out.
    await api.getRecords({ ShardIterator: answer.NextShardIterator });
    expect(seen).toEqual([]);
  });

  it("still follows an iterator whose GetRecords failed, so a retry of it is observed", async () => {
    const inner = fakeApi(5);
    let throttle = true;
    const { api, seen } = observed({
      ...inner,
      getRecords: async (input, signal) => {
        if (throttle) {
          throttle = false;
          throw new Error("ProvisionedThroughputExceededException");
        }
        return inner.getRecords(input, signal);
      },
    });
    const a = await iteratorOf(api, "a");
    await expect(api.getRecords({ ShardIterator: a.ShardIterator })).rejects.toThrow("ProvisionedThroughput");
    await api.getRecords({ ShardIterator: a.ShardIterator });
    expect(seen).toEqual([["a", "a-0", false]]);
  });
});
