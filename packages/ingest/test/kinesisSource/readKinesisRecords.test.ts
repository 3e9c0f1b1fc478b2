import { describe, expect, it } from "vitest";
import {
  aggregate,
  type KinesisBackoffEvent,
  type KinesisSourceItem,
  readKinesisRecords,
} from "../../src/index";
import { FakeKinesis, serviceError } from "./fakeKinesis";

const tiny = { baseMs: 1, maxMs: 4 };

async function collect(iterable: AsyncIterable<KinesisSourceItem>): Promise<KinesisSourceItem[]> {
  const items: KinesisSourceItem[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function values(items: readonly KinesisSourceItem[]): unknown[] {
  return items.map((item) => ("record" in item ? item.record : item.error));
}

describe("readKinesisRecords (fake Kinesis for what emulators cannot do)", () => {
  it("backs off on ProvisionedThroughputExceededException, then delivers every record once", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.put("shardId-0", [{ n: 1 }, { n: 2 }]);
    fake.close("shardId-0");
    fake.faults.getRecords.push(
      serviceError("ProvisionedThroughputExceededException"),
      serviceError("ProvisionedThroughputExceededException"),
      serviceError("ProvisionedThroughputExceededException"),
    );
    const events: KinesisBackoffEvent[] = [];
    const items = await collect(
      readKinesisRecords({
        client: fake,
        stream: "s",
        backoff: tiny,
        random: () => 1,
        onBackoff: (e) => events.push(e),
      }),
    );
    expect(values(items)).toEqual([{ n: 1 }, { n: 2 }]);
    // Capped exponential: 1, 2, 4 ms (random 1 = the full step), never above maxMs.
    expect(events.map((event) => [event.operation, event.shardId, event.attempt, event.delayMs])).toEqual([
      ["GetRecords", "shardId-0", 1, 1],
      ["GetRecords", "shardId-0", 2, 2],
      ["GetRecords", "shardId-0", 3, 4],
    ]);
    expect(events.every((event) => event.errorName === "ProvisionedThroughputExceededException")).toBe(true);
  });

  it("backs off on LimitExceededException from ListShards and GetShardIterator throttling", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.put("shardId-0", [{ n: 1 }]);
    fake.close("shardId-0");
    fake.faults.listShards.push(serviceError("LimitExceededException"));
    fake.faults.getShardIterator.push(serviceError("ProvisionedThroughputExceededException"));
    const events: KinesisBackoffEvent[] = [];
    const items = await collect(
      readKinesisRecords({ client: fake, stream: "s", backoff: tiny, onBackoff: (e) => events.push(e) }),
    );
    expect(values(items)).toEqual([{ n: 1 }]);
    expect(events.map((event) => event.operation)).toEqual(["ListShards", "GetShardIterator"]);
  });

  it("gives up with the service error after maxThrottleRetries", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    for (let i = 0; i < 5; i++)
      fake.faults.getRecords.push(serviceError("ProvisionedThroughputExceededException"));
    const reader = readKinesisRecords({ client: fake, stream: "s", backoff: tiny, maxThrottleRetries: 2 });
    await expect(collect(reader)).rejects.toMatchObject({ name: "ProvisionedThroughputExceededException" });
    expect(fake.callsOf("getRecords")).toHaveLength(3);
  });

  it("does not retry errors that are not throttling", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.faults.getRecords.push(serviceError("AccessDeniedException"));
    await expect(collect(readKinesisRecords({ client: fake, stream: "s" }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    expect(fake.callsOf("getRecords")).toHaveLength(1);
  });

  it("renews an expired iterator after the last delivered record", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    const sequences = fake.put("shardId-0", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    fake.close("shardId-0");
    const reader = readKinesisRecords({ client: fake, stream: "s", maxRecordsPerCall: 2 });
    const items: KinesisSourceItem[] = [];
    for await (const item of reader) {
      items.push(item);
      // The iterator in hand expires while the consumer works on the second record.
      if (items.length === 2) fake.faults.getRecords.push(serviceError("ExpiredIteratorException"));
    }
    expect(values(items)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    expect(fake.callsOf("getShardIterator")).toEqual([
      { StreamName: "s", ShardId: "shardId-0", ShardIteratorType: "TRIM_HORIZON" },
      {
        StreamName: "s",
        ShardId: "shardId-0",
        ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
        StartingSequenceNumber: sequences[1],
      },
    ]);
  });

  it("fails when fresh iterators keep expiring", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    for (let i = 0; i < 10; i++) fake.faults.getRecords.push(serviceError("ExpiredIteratorException"));
    await expect(collect(readKinesisRecords({ client: fake, stream: "s" }))).rejects.toMatchObject({
      name: "ExpiredIteratorException",
    });
  });

  it("polls again at once while behind, and waits pollIntervalMs once caught up", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.put("shardId-0", [{ n: 1 }, { n: 2 }, { n: 3 }]);
    // First answer: behind by a minute; then caught up.
    fake.lag.push(60_000);
    const items = await collect(
      readKinesisRecords({
        client: fake,
        stream: "s",
        maxRecordsPerCall: 2,
        pollIntervalMs: 600_000,
        stopWhenIdleMs: 30,
      }),
    );
    expect(values(items)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // Behind → the second call came at once; caught up → no third call within the (10 minute) interval.
    expect(fake.callsOf("getRecords")).toHaveLength(2);
  });

  it("keeps polling a full batch at once even when MillisBehindLatest says 0", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.put("shardId-0", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    const items = await collect(
      readKinesisRecords({
        client: fake,
        stream: "s",
        maxRecordsPerCall: 2,
        pollIntervalMs: 600_000,
        stopWhenIdleMs: 30,
      }),
    );
    expect(items).toHaveLength(4);
    expect(fake.callsOf("getRecords")).toHaveLength(3);
  });

  it("reads both parents of a merge before the merged child", async () => {
    const fake = new FakeKinesis("s")
      .addShard("shardId-a")
      .addShard("shardId-b")
      .addShard("shardId-c", { parent: "shardId-a", adjacentParent: "shardId-b" });
    fake.put("shardId-a", [{ n: 1 }, { n: 2 }]);
    fake.put("shardId-b", [{ n: 3 }]);
    fake.close("shardId-a").close("shardId-b");
    fake.put("shardId-c", [{ n: 4 }, { n: 5 }]);
    fake.close("shardId-c");
    const items = await collect(readKinesisRecords({ client: fake, stream: "s" }));
    expect(items.map((item) => item.shardId).slice(3)).toEqual(["shardId-c", "shardId-c"]);
    expect(new Set(items.slice(0, 3).map((item) => item.shardId))).toEqual(
      new Set(["shardId-a", "shardId-b"]),
    );
    // The child starts at its beginning once its parents are done.
    expect(fake.callsOf("getShardIterator").at(-1)).toMatchObject({
      ShardId: "shardId-c",
      ShardIteratorType: "TRIM_HORIZON",
    });
  });

  it("with LATEST skips closed shards and starts their open children at LATEST", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-p").addShard("shardId-c", { parent: "shardId-p" });
    fake.put("shardId-p", [{ n: 1 }]);
    fake.close("shardId-p");
    fake.put("shardId-c", [{ n: 2 }]);
    const reader = readKinesisRecords({
      client: fake,
      stream: "s",
      initialPosition: { type: "LATEST" },
      pollIntervalMs: 5,
      stopWhenIdleMs: 20,
    });
    expect(await collect(reader)).toEqual([]);
    expect(fake.callsOf("getShardIterator")).toEqual([
      { StreamName: "s", ShardId: "shardId-c", ShardIteratorType: "LATEST" },
    ]);
    expect(reader.checkpoint().shards["shardId-p"]).toEqual({ finished: true });
  });

  it("resumes from a checkpoint without repeating delivered records", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0").addShard("shardId-1", { parent: "shardId-0" });
    const first = fake.put("shardId-0", [{ n: 1 }, { n: 2 }]);
    fake.close("shardId-0");
    fake.put("shardId-1", [{ n: 3 }]);
    fake.close("shardId-1");
    const checkpoint = { stream: "s", shards: { "shardId-0": { sequenceNumber: first[0]! } } };
    const items = await collect(readKinesisRecords({ client: fake, stream: "s", checkpoint }));
    expect(values(items)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it("unpacks KPL aggregates and resumes inside one without repeating delivered user records", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    const users = [0, 1, 2, 3].map((n) => ({
      partitionKey: `user-${n}`,
      data: new TextEncoder().encode(JSON.stringify({ n })),
    }));
    const [packed] = aggregate(users);
    const sequence = fake.putData("shardId-0", packed!.Data, packed!.PartitionKey);
    fake.put("shardId-0", [{ n: 4 }]);
    fake.close("shardId-0");

    const all = await collect(readKinesisRecords({ client: fake, stream: "s" }));
    expect(all.map((item) => [item.sequenceNumber, item.subSequenceNumber, item.partitionKey])).toEqual([
      [sequence, 0, "user-0"],
      [sequence, 1, "user-1"],
      [sequence, 2, "user-2"],
      [sequence, 3, "user-3"],
      [expect.any(String), undefined, "k"],
    ]);
    // Each user record comes with its own bytes as sent, not the aggregate's.
    expect(all.map((item) => new TextDecoder().decode(item.data))).toEqual([
      '{"n":0}',
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
      '{"n":4}',
    ]);

    // Stop after two user records of the aggregate: the checkpoint points inside it.
    const first = readKinesisRecords({ client: fake, stream: "s" });
    const seen: unknown[] = [];
    for await (const item of first) {
      seen.push("record" in item ? item.record : item.error);
      if (seen.length === 2) break;
    }
    const checkpoint = first.checkpoint();
    expect(checkpoint.shards["shardId-0"]).toEqual({ sequenceNumber: sequence, subSequenceNumber: 1 });
    const rest = await collect(readKinesisRecords({ client: fake, stream: "s", checkpoint }));
    expect([...seen, ...values(rest)]).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(fake.callsOf("getShardIterator").at(-1)).toMatchObject({
      ShardIteratorType: "AT_SEQUENCE_NUMBER",
      StartingSequenceNumber: sequence,
    });
  });

  it("reports a corrupt aggregate as one error item", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    fake.putData("shardId-0", Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2, 1, 2, 3));
    fake.close("shardId-0");
    const items = await collect(readKinesisRecords({ client: fake, stream: "s" }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ error: expect.any(String) });
    // What could not be read at all comes with the record's whole data.
    expect([...items[0]!.data!]).toEqual([0xf3, 0x89, 0x9a, 0xc2, 1, 2, 3]);
  });

  it("hands over the bytes of a user record that is not a JSON record with its error", async () => {
    const fake = new FakeKinesis("s").addShard("shardId-0");
    const bytes = new TextEncoder().encode('{"n": 1e400, ');
    fake.putData("shardId-0", bytes, "p");
    const [packed] = aggregate([
      { partitionKey: "a", data: new TextEncoder().encode("[1]") },
      { partitionKey: "b", data: Uint8Array.of(0xff) },
    ]);
    fake.putData("shardId-0", packed!.Data, packed!.PartitionKey);
    fake.close("shardId-0");
    const items = await collect(readKinesisRecords({ client: fake, stream: "s" }));
    expect(items.map((item) => ["error" in item, item.subSequenceNumber, [...item.data!]])).toEqual([
      [true, undefined, [...bytes]],
      [true, 0, [...new TextEncoder().encode("[1]")]],
      [true, 1, [0xff]],
    ]);
  });

  it("rejects invalid options up front", () => {
    const fake = new FakeKinesis("s");
    expect(() => readKinesisRecords({ client: fake, stream: "s", maxRecordsPerCall: 0 })).toThrow(RangeError);
    expect(() => readKinesisRecords({ client: fake, stream: "s", maxRecordsPerCall: 10_001 })).toThrow(
      RangeError,
    );
    expect(() => readKinesisRecords({ client: fake, stream: "s", pollIntervalMs: -1 })).toThrow(RangeError);
    expect(() => readKinesisRecords({ client: fake, stream: "s", stopWhenIdleMs: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() => readKinesisRecords({ client: fake, stream: "s", backoff: { baseMs: 5, maxMs: 1 } })).toThrow(
      RangeError,
    );
    expect(() =>
      readKinesisRecords({ client: fake, stream: "s", checkpoint: { stream: "other", shards: {} } }),
    ).toThrow(/checkpoint is for stream other/);
    expect(() =>
      readKinesisRecords({
        client: fake,
        stream: "s",
        initialPosition: { type: "AT_TIMESTAMP", timestamp: new Date(Number.NaN) },
      }),
    ).toThrow(RangeError);
  });

  it("can be iterated only once", async () => {
    const fake = new FakeKinesis("s");
    const reader = readKinesisRecords({ client: fake, stream: "s" });
    expect(await collect(reader)).toEqual([]);
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
