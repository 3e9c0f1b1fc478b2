import {
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  SplitShardCommand,
} from "@aws-sdk/client-kinesis";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  createKinesisClient,
  ensureKinesisStream,
  type KinesisSourceItem,
  parseKinesisCheckpoint,
  putKinesisRecords,
  readKinesisRecords,
} from "../../src/index";

interface Post {
  readonly key: string;
  readonly n: number;
}

/** Reads until the stream has been quiet for a moment with every shard caught up. */
async function readAll(client: KinesisClient, stream: string): Promise<KinesisSourceItem[]> {
  const items: KinesisSourceItem[] = [];
  for await (const item of readKinesisRecords({ client, stream, pollIntervalMs: 20, stopWhenIdleMs: 300 })) {
    items.push(item);
  }
  return items;
}

function postOf(item: KinesisSourceItem): Post {
  if (!("record" in item)) throw new Error(`undecodable record: ${item.error}`);
  return item.record as unknown as Post;
}

function expectAscendingPerShard(items: readonly KinesisSourceItem[]): void {
  const last = new Map<string, bigint>();
  for (const item of items) {
    const sequence = BigInt(item.sequenceNumber);
    const previous = last.get(item.shardId);
    if (previous !== undefined) expect(sequence > previous).toBe(true);
    last.set(item.shardId, sequence);
  }
}

function expectInOrderPerKey(items: readonly KinesisSourceItem[]): void {
  const last = new Map<string, number>();
  for (const item of items) {
    const post = postOf(item);
    expect(post.n).toBeGreaterThan(last.get(post.key) ?? -1);
    last.set(post.key, post.n);
  }
}

async function waitUntilActive(client: KinesisClient, stream: string): Promise<void> {
  for (;;) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    if (summary.StreamDescriptionSummary?.StreamStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("readKinesisRecords and putKinesisRecords against a real local Kinesis", () => {
  let server: LocalServer;
  let client: KinesisClient;

  beforeAll(async () => {
    server = await startLocalKinesis({ createStreamMs: 0, updateStreamMs: 0 });
    client = createKinesisClient({ endpoint: server.endpoint, env: {} });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it("reads every record of a 2-shard stream once, in per-shard order", async () => {
    await ensureKinesisStream({ client, stream: "two-shards", shardCount: 2, pollIntervalMs: 10 });
    const posts: Post[] = Array.from({ length: 60 }, (_, n) => ({ key: `user-${n % 7}`, n }));
    const written = await putKinesisRecords({
      client,
      stream: "two-shards",
      records: posts,
      partitionKey: (p) => p.key,
    });
    expect(new Set(written.results.map((result) => result.shardId)).size).toBe(2);

    const items = await readAll(client, "two-shards");
    expect(items.map((item) => postOf(item).n).sort((a, b) => a - b)).toEqual(posts.map((post) => post.n));
    // Each record comes back from the shard and with the sequence number Kinesis gave it on write.
    for (const item of items) {
      const post = postOf(item);
      expect(item).toMatchObject({
        stream: "two-shards",
        partitionKey: post.key,
        ...written.results[post.n],
      });
      expect(typeof item.sequenceNumber).toBe("string");
      expect(item.arrivalTime).toBeInstanceOf(Date);
    }
    expectAscendingPerShard(items);
    expectInOrderPerKey(items);
  });

  it("reads a parent shard to its end before its children after SplitShard, and resumes from a checkpoint", async () => {
    const stream = "split-me";
    await ensureKinesisStream({ client, stream, shardCount: 1, pollIntervalMs: 10 });
    const keys = Array.from({ length: 8 }, (_, k) => `user-${k}`);
    const before: Post[] = Array.from({ length: 24 }, (_, n) => ({ key: keys[n % keys.length]!, n }));
    await putKinesisRecords({ client, stream, records: before, partitionKey: (p) => p.key });

    const parent = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards?.[0];
    expect(parent?.ShardId).toBeDefined();
    await client.send(
      new SplitShardCommand({
        StreamName: stream,
        ShardToSplit: parent!.ShardId,
        NewStartingHashKey: (2n ** 127n).toString(),
      }),
    );
    await waitUntilActive(client, stream);
    const after: Post[] = Array.from({ length: 24 }, (_, i) => ({ key: keys[i % keys.length]!, n: 24 + i }));
    const written = await putKinesisRecords({ client, stream, records: after, partitionKey: (p) => p.key });
    const childShards = new Set(written.results.map((result) => result.shardId));
    expect(childShards.size).toBe(2);
    expect(childShards.has(parent!.ShardId!)).toBe(false);

    const items = await readAll(client, stream);
    expect(items.map((item) => postOf(item).n).sort((a, b) => a - b)).toEqual(
      [...before, ...after].map((p) => p.n),
    );
    const lastParentIndex = items.findLastIndex((item) => item.shardId === parent!.ShardId);
    const firstChildIndex = items.findIndex((item) => item.shardId !== parent!.ShardId);
    expect(lastParentIndex).toBe(before.length - 1);
    expect(firstChildIndex).toBe(before.length);
    expectAscendingPerShard(items);
    expectInOrderPerKey(items);

    // Stop part-way through the children, save the checkpoint as JSON, resume: only the rest comes back.
    const first = readKinesisRecords({ client, stream, pollIntervalMs: 20, stopWhenIdleMs: 300 });
    const seen: number[] = [];
    for await (const item of first) {
      seen.push(postOf(item).n);
      if (seen.length === 30) break;
    }
    const saved = JSON.stringify(first.checkpoint());
    const checkpoint = parseKinesisCheckpoint(saved);
    expect(checkpoint.shards[parent!.ShardId!]?.finished).toBe(true);

    const rest: number[] = [];
    for await (const item of readKinesisRecords({
      client,
      stream,
      checkpoint,
      pollIntervalMs: 20,
      stopWhenIdleMs: 300,
    })) {
      rest.push(postOf(item).n);
    }
    expect(rest).toHaveLength(48 - 30);
    expect([...seen, ...rest].sort((a, b) => a - b)).toEqual([...before, ...after].map((p) => p.n));
  });

  it("starts AT_TIMESTAMP: only records that arrived from then on", async () => {
    const stream = "by-time";
    await ensureKinesisStream({ client, stream, shardCount: 1, pollIntervalMs: 10 });
    await putKinesisRecords({ client, stream, records: [{ key: "a", n: 0 }], partitionKey: "a" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const from = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await putKinesisRecords({
      client,
      stream,
      records: [
        { key: "a", n: 1 },
        { key: "a", n: 2 },
      ],
      partitionKey: "a",
    });
    const items: number[] = [];
    const reader = readKinesisRecords({
      client,
      stream,
      initialPosition: { type: "AT_TIMESTAMP", timestamp: from },
      pollIntervalMs: 20,
      stopWhenIdleMs: 200,
    });
    for await (const item of reader) items.push(postOf(item).n);
    expect(items).toEqual([1, 2]);
  });

  it("reads KPL-aggregated records as their user records", async () => {
    const stream = "aggregated";
    await ensureKinesisStream({ client, stream, shardCount: 1, pollIntervalMs: 10 });
    const users = Array.from({ length: 30 }, (_, n) => ({
      partitionKey: `user-${n % 4}`,
      data: new TextEncoder().encode(JSON.stringify({ key: `user-${n % 4}`, n })),
    }));
    await client.send(new PutRecordsCommand({ StreamName: stream, Records: aggregate(users) }));
    const items = await readAll(client, stream);
    expect(items.map((item) => postOf(item).n)).toEqual(users.map((_, n) => n));
    expect(items.map((item) => item.subSequenceNumber)).toEqual(users.map((_, n) => n));
    expect(items.map((item) => item.partitionKey)).toEqual(users.map((user) => user.partitionKey));
    expect(new Set(items.map((item) => item.sequenceNumber)).size).toBe(1);
  });

  it("stops on an AbortSignal even while a shard keeps being polled", async () => {
    const stream = "abort-me";
    await ensureKinesisStream({ client, stream, shardCount: 1, pollIntervalMs: 10 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const items: KinesisSourceItem[] = [];
    for await (const item of readKinesisRecords({
      client,
      stream,
      pollIntervalMs: 20,
      signal: controller.signal,
    })) {
      items.push(item);
    }
    expect(items).toEqual([]);
    expect(controller.signal.aborted).toBe(true);
  });

  it("reports undecodable data as error items without stopping", async () => {
    const stream = "bad-data";
    await ensureKinesisStream({ client, stream, shardCount: 1, pollIntervalMs: 10 });
    // The sink refuses non-objects, so the bad record goes in by hand.
    await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: [
          { Data: new TextEncoder().encode('"not an object"'), PartitionKey: "k" },
          { Data: new TextEncoder().encode('{"key":"k","n":1}'), PartitionKey: "k" },
        ],
      }),
    );
    const items = await readAll(client, stream);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ error: expect.stringContaining("not a JSON object") });
    expect(items[1]).toMatchObject({ record: { key: "k", n: 1 } });
  });
});
