import type { KinesisReadApi } from "@pinpipe/ingest";
import { observeShardAnswers } from "./observeShardAnswers";

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
  const behind = new Map<string, number>();
  return {
    api: observeShardAnswers(api, (shardId, output, closed) => {
      if (closed) behind.delete(shardId);
      else behind.set(shardId, output.MillisBehindLatest ?? 0);
    }),
    behindMs: () => (behind.size === 0 ? undefined : Math.max(...behind.values())),
  };
}
