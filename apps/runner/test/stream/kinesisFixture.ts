import { type KinesisClient, ListShardsCommand, SplitShardCommand } from "@aws-sdk/client-kinesis";
import { ensureKinesisStream, type GeneratedPost, putKinesisRecords } from "@pinpipe/ingest";
import type { StreamNames } from "../../src/stream/streamNames";

/** Creates the three streams `<prefix>-pin`, `-geo`, `-user` with `shards` shards each. */
export async function createStreams(
  client: KinesisClient,
  prefix: string,
  shards: number,
): Promise<StreamNames> {
  const names = { pin: `${prefix}-pin`, geo: `${prefix}-geo`, user: `${prefix}-user` };
  for (const stream of Object.values(names))
    await ensureKinesisStream({ client, stream, shardCount: shards });
  return names;
}

/** Puts each post's pin, geo and user record to its stream, keyed by ind so posts spread over shards. */
export async function putPosts(
  client: KinesisClient,
  streams: StreamNames,
  posts: readonly GeneratedPost[],
  extra: { readonly geo?: readonly Record<string, unknown>[] } = {},
): Promise<void> {
  const key = (record: Record<string, unknown>, index: number): string =>
    String(record.ind ?? record.index ?? `extra-${index}`);
  await Promise.all([
    putKinesisRecords({ client, stream: streams.pin, records: posts.map((p) => p.pin), partitionKey: key }),
    putKinesisRecords({
      client,
      stream: streams.geo,
      records: [...posts.map((p) => p.geo as unknown as Record<string, unknown>), ...(extra.geo ?? [])],
      partitionKey: key,
    }),
    putKinesisRecords({ client, stream: streams.user, records: posts.map((p) => p.user), partitionKey: key }),
  ]);
}

/** Splits the first open shard of `stream` at the middle of its hash range and waits until ACTIVE. */
export async function splitFirstShard(client: KinesisClient, stream: string): Promise<void> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const shard = Shards.find((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined)!;
  const start = BigInt(shard.HashKeyRange!.StartingHashKey!);
  const end = BigInt(shard.HashKeyRange!.EndingHashKey!);
  await client.send(
    new SplitShardCommand({
      StreamName: stream,
      ShardToSplit: shard.ShardId!,
      NewStartingHashKey: ((start + end) / 2n).toString(),
    }),
  );
  await ensureKinesisStream({ client, stream, shardCount: 1 });
}

/** Resolves once `condition()` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The arguments of `pinpipe stream` reading `streams` from the Kinesis at `endpoint` into `out`,
 * polling every 50 ms so that tests do not wait on the default interval, writing the clean
 * records as `stream/tables/` Parquet files (the tests using it read those).
 *
 * @example
 * await main([...streamCommandArgs(out, streams, kinesis.endpoint), "--until-idle", "1"], commands, io.context);
 */
export function streamCommandArgs(out: string, streams: StreamNames, endpoint: string): string[] {
  return [
    "stream",
    "--format",
    "parquet",
    "--out",
    out,
    "--streams",
    `${streams.pin},${streams.geo},${streams.user}`,
    "--kinesis-endpoint",
    endpoint,
    "--poll-ms",
    "50",
  ];
}
