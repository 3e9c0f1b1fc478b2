import { type KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { createKinesisClient, ensureKinesisStream, toKinesisReadApi } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTimestampsByScan } from "../../src/stream/resolveTimestampsByScan";

let kinesis: LocalServer;
let client: KinesisClient;
beforeAll(async () => {
  kinesis = await startLocalKinesis();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
  await ensureKinesisStream({ client, stream: "at-time", shardCount: 1 });
});
afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
});

const put = (n: number) =>
  client.send(
    new PutRecordCommand({
      StreamName: "at-time",
      PartitionKey: "k",
      Data: new TextEncoder().encode(`{"n":${n}}`),
    }),
  );
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function read(iterator: string | undefined): Promise<string[]> {
  const page = await toKinesisReadApi(client).getRecords({ ShardIterator: iterator });
  return (page.Records ?? []).map((record) => new TextDecoder().decode(record.Data));
}

describe("resolveTimestampsByScan", () => {
  const atTimestamp = (timestamp: Date) =>
    resolveTimestampsByScan(toKinesisReadApi(client)).getShardIterator({
      StreamName: "at-time",
      ShardId: "shardId-000000000000",
      ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: timestamp,
    });

  it("starts at the first record that arrived at or after the timestamp", async () => {
    await put(1);
    await pause();
    const since = new Date();
    await pause();
    await put(2);
    await put(3);
    expect(await read((await atTimestamp(since)).ShardIterator)).toEqual(['{"n":2}', '{"n":3}']);
  });

  it("answers even when no record is that recent, and then misses none put afterwards", async () => {
    await pause();
    const since = new Date();
    const { ShardIterator } = await atTimestamp(since);
    await put(4);
    expect(await read(ShardIterator)).toEqual(['{"n":4}']);
  });

  it("passes other iterator types through", async () => {
    const api = resolveTimestampsByScan(toKinesisReadApi(client));
    const { ShardIterator } = await api.getShardIterator({
      StreamName: "at-time",
      ShardId: "shardId-000000000000",
      ShardIteratorType: "TRIM_HORIZON",
    });
    expect((await read(ShardIterator))[0]).toBe('{"n":1}');
  });
});
