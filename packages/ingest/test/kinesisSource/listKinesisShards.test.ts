import type { ListShardsCommandInput, Shard } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { type KinesisReadApi, listKinesisShards } from "../../src/index";
import { serviceError } from "./fakeKinesis";

function shard(n: number): Shard {
  return {
    ShardId: `shardId-${String(n).padStart(12, "0")}`,
    HashKeyRange: undefined,
    SequenceNumberRange: undefined,
  };
}

/** ListShards that answers `pageSize` shards per call, following tokens like AWS. */
function pagedApi(
  total: number,
  pageSize: number,
  faults: Error[] = [],
): KinesisReadApi & { inputs: ListShardsCommandInput[] } {
  const inputs: ListShardsCommandInput[] = [];
  return {
    inputs,
    async listShards(input) {
      inputs.push(input);
      const fault = faults.shift();
      if (fault) throw fault;
      if (input.StreamName !== undefined && input.NextToken !== undefined)
        throw serviceError("InvalidArgumentException");
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      const end = Math.min(total, start + pageSize);
      return {
        Shards: Array.from({ length: end - start }, (_, i) => shard(start + i)),
        ...(end < total ? { NextToken: String(end) } : {}),
      };
    },
    getShardIterator: () => Promise.reject(new Error("unused")),
    getRecords: () => Promise.reject(new Error("unused")),
  };
}

describe("listKinesisShards", () => {
  it("follows NextToken across pages, naming the stream only on the first call", async () => {
    const api = pagedApi(23, 10);
    const shards = await listKinesisShards({ api, stream: "pins", pageSize: 10 });
    expect(shards.map((s) => s.ShardId)).toEqual(Array.from({ length: 23 }, (_, n) => shard(n).ShardId));
    expect(api.inputs).toEqual([
      { StreamName: "pins", MaxResults: 10 },
      { NextToken: "10", MaxResults: 10 },
      { NextToken: "20", MaxResults: 10 },
    ]);
  });

  it("retries throttled pages with backoff", async () => {
    const api = pagedApi(3, 2, [serviceError("LimitExceededException")]);
    const shards = await listKinesisShards({ api, stream: "pins", backoff: { baseMs: 1, maxMs: 2 } });
    expect(shards).toHaveLength(3);
    expect(api.inputs[0]).toEqual(api.inputs[1]);
  });

  it("gives up after maxRetries and passes other errors through", async () => {
    const throttled = pagedApi(3, 2, [
      serviceError("LimitExceededException"),
      serviceError("LimitExceededException"),
    ]);
    await expect(
      listKinesisShards({ api: throttled, stream: "pins", maxRetries: 1, backoff: { baseMs: 1, maxMs: 1 } }),
    ).rejects.toMatchObject({ name: "LimitExceededException" });
    const missing = pagedApi(3, 2, [serviceError("ResourceNotFoundException")]);
    await expect(listKinesisShards({ api: missing, stream: "pins" })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("stops on a server that repeats a token instead of looping", async () => {
    const api = pagedApi(0, 1);
    api.listShards = async () => ({ Shards: [], NextToken: "same" });
    await expect(listKinesisShards({ api, stream: "pins" })).rejects.toThrow(/repeated a NextToken/);
  });

  it("rejects an out-of-range page size", async () => {
    await expect(listKinesisShards({ api: pagedApi(1, 1), stream: "s", pageSize: 0 })).rejects.toThrow(
      RangeError,
    );
    await expect(listKinesisShards({ api: pagedApi(1, 1), stream: "s", pageSize: 10_001 })).rejects.toThrow(
      RangeError,
    );
  });
});
