import type { KinesisReadApi } from "@pinpipe/ingest";

/**
 * A {@link KinesisReadApi} that remembers, per shard, the MillisBehindLatest of its last
 * GetRecords answer (how far the reader is behind the shard's newest record), for progress lines.
 *
 * @example
 * const tracked = trackBehindLatest(toKinesisReadApi(client));
 * readKinesisRecords({ client: tracked.api, stream: "pins" });
 * tracked.behindMs(); // e.g. 1200
 */
export function trackBehindLatest(api: KinesisReadApi): {
  readonly api: KinesisReadApi;
  /** The largest lag over the shards being read, 0 when all are caught up, undefined before any answer. */
  readonly behindMs: () => number | undefined;
} {
  const shardOfIterator = new Map<string, string>();
  const behind = new Map<string, number>();
  return {
    api: {
      listShards: (input, signal) => api.listShards(input, signal),
      async getShardIterator(input, signal) {
        const output = await api.getShardIterator(input, signal);
        if (output.ShardIterator !== undefined && input.ShardId !== undefined) {
          shardOfIterator.set(output.ShardIterator, input.ShardId);
        }
        return output;
      },
      async getRecords(input, signal) {
        const output = await api.getRecords(input, signal);
        const iterator = input.ShardIterator ?? "";
        const shardId = shardOfIterator.get(iterator);
        shardOfIterator.delete(iterator);
        if (shardId !== undefined) {
          if (output.NextShardIterator === undefined || output.NextShardIterator === null) {
            behind.delete(shardId);
          } else {
            shardOfIterator.set(output.NextShardIterator, shardId);
            behind.set(shardId, output.MillisBehindLatest ?? 0);
          }
        }
        return output;
      },
    },
    behindMs: () => (behind.size === 0 ? undefined : Math.max(...behind.values())),
  };
}
