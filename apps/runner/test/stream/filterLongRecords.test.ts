import type { _Record } from "@aws-sdk/client-kinesis";
import { aggregate, type KinesisReadApi, type KinesisSourceItem, readKinesisRecords } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import { filterLongRecords, type StreamItem } from "../../src/stream/filterLongRecords";

const utf8 = new TextEncoder();
/** A JSON record whose text is exactly `bytes` long. */
const json = (ind: number, bytes: number): Uint8Array => {
  const bare = JSON.stringify({ ind, pad: "" });
  return utf8.encode(JSON.stringify({ ind, pad: "p".repeat(bytes - bare.length) }));
};

/** A closed shard that holds `records` and answers them in one GetRecords call. */
function fakeShard(records: readonly _Record[]): KinesisReadApi {
  return {
    listShards: async () => ({
      Shards: [
        {
          ShardId: "shardId-000000000000",
          HashKeyRange: { StartingHashKey: "0", EndingHashKey: "340282366920938463463374607431768211455" },
          SequenceNumberRange: { StartingSequenceNumber: "1", EndingSequenceNumber: "999" },
        },
      ],
    }),
    getShardIterator: async (input) => ({ ShardIterator: `${input.ShardId}/0` }),
    getRecords: async () => ({ Records: [...records], MillisBehindLatest: 0, NextShardIterator: undefined }),
  };
}

async function readThrough(records: readonly _Record[], maxRecordBytes: number): Promise<StreamItem[]> {
  const filter = filterLongRecords(fakeShard(records), maxRecordBytes);
  const items: StreamItem[] = [];
  for await (const item of readKinesisRecords({ client: filter.api, stream: "pins" }))
    items.push(filter.check(item));
  return items;
}

const summary = (item: StreamItem) => ({
  sequenceNumber: item.sequenceNumber,
  subSequenceNumber: item.subSequenceNumber,
  ...(item.tooLong === true ? { tooLong: true } : {}),
  ...("error" in item ? { error: item.error } : { ind: (item.record as { ind: number }).ind }),
});

describe("filterLongRecords", () => {
  it("rejects plain records whose data is longer than the limit, with the length as the reason", async () => {
    const items = await readThrough(
      [
        { Data: json(1, 100), PartitionKey: "a", SequenceNumber: "10" },
        { Data: json(2, 1024), PartitionKey: "b", SequenceNumber: "20" },
        { Data: json(3, 1025), PartitionKey: "c", SequenceNumber: "30" },
        { Data: utf8.encode(`not json${" ".repeat(2000)}`), PartitionKey: "d", SequenceNumber: "40" },
      ],
      1024,
    );
    expect(items.map(summary)).toEqual([
      { sequenceNumber: "10", subSequenceNumber: undefined, ind: 1 },
      { sequenceNumber: "20", subSequenceNumber: undefined, ind: 2 },
      {
        sequenceNumber: "30",
        subSequenceNumber: undefined,
        tooLong: true,
        error: "record longer than the record limit (1KiB): 1025 bytes",
      },
      {
        sequenceNumber: "40",
        subSequenceNumber: undefined,
        tooLong: true,
        error: "record longer than the record limit (1KiB): 2008 bytes",
      },
    ]);
    expect(items[2]).toMatchObject({
      stream: "pins",
      shardId: "shardId-000000000000",
      partitionKey: "c",
      tooLong: true,
    });
    expect(items[2]).not.toHaveProperty("record");
    // A long record is rejected unread: its bytes are not carried on; the others keep theirs.
    expect(items[2]).not.toHaveProperty("data");
    expect(items[3]).toMatchObject({ tooLong: true });
    expect(items[3]).not.toHaveProperty("data");
    expect(items[0]!.data).toEqual(json(1, 100));
    expect(items[1]!.data).toEqual(json(2, 1024));
    expect(items[0]).not.toHaveProperty("tooLong");
  });

  it("measures each user record of a KPL aggregate on its own", async () => {
    const [packed] = aggregate([
      { partitionKey: "a", data: json(1, 600) },
      { partitionKey: "b", data: json(2, 700) },
      { partitionKey: "c", data: json(3, 600) },
    ]);
    const items = await readThrough([{ ...packed!, SequenceNumber: "50" }], 650);
    expect(items.map(summary)).toEqual([
      { sequenceNumber: "50", subSequenceNumber: 0, ind: 1 },
      {
        sequenceNumber: "50",
        subSequenceNumber: 1,
        tooLong: true,
        error: "record longer than the record limit (650B): 700 bytes",
      },
      { sequenceNumber: "50", subSequenceNumber: 2, ind: 3 },
    ]);
    // Each user record carries its own bytes, not the aggregate's.
    expect(items[0]!.data).toEqual(json(1, 600));
    expect(items[2]!.data).toEqual(json(3, 600));
    expect(items[1]).not.toHaveProperty("data");
  });

  it("leaves items of answers it did not measure alone, and refuses a limit that is no positive integer", async () => {
    const filter = filterLongRecords(fakeShard([]), 10);
    const item: KinesisSourceItem = {
      stream: "pins",
      shardId: "shardId-000000000000",
      sequenceNumber: "1",
      partitionKey: "k",
      arrivalTime: undefined,
      record: { ind: 1, pad: "a long record never measured" },
    };
    expect(filter.check(item)).toBe(item);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => filterLongRecords(fakeShard([]), limit)).toThrow(RangeError);
    }
  });
});
