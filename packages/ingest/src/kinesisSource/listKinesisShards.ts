import type { Shard } from "@aws-sdk/client-kinesis";
import { abortableSleep } from "./abortableSleep";
import { type BackoffOptions, backoffDelay } from "./backoffDelay";
import { isRetryableKinesisError } from "./isRetryableKinesisError";
import type { KinesisReadApi } from "./kinesisApi";

/**
 * Options of {@link listKinesisShards}.
 *
 * @example
 * ```ts
 * const options: ListKinesisShardsOptions = { api, stream: "pins", pageSize: 100 };
 * ```
 */
export interface ListKinesisShardsOptions {
  readonly api: KinesisReadApi;
  readonly stream: string;
  /** MaxResults per ListShards call (1..10000; AWS default 1000). */
  readonly pageSize?: number;
  /** Retries of a throttled call (ListShards allows 1000 calls/s per stream). Default 8. */
  readonly maxRetries?: number;
  readonly backoff?: BackoffOptions;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 5_000 };

/**
 * Every shard of a stream (open and closed ones still in retention), following ListShards' NextToken
 * paging. A call with NextToken must not name the stream (AWS rejects both together), so only the first
 * page is asked by StreamName. Throttled calls are retried with capped exponential backoff.
 *
 * @example
 * ```ts
 * const shards = await listKinesisShards({ api: toKinesisReadApi(client), stream: "pins" });
 * shards.map((shard) => shard.ShardId); // ["shardId-000000000000", ...]
 * ```
 */
export async function listKinesisShards(options: ListKinesisShardsOptions): Promise<Shard[]> {
  const { api, stream, signal } = options;
  const pageSize = options.pageSize;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000)) {
    throw new RangeError(`pageSize must be an integer in 1..10000, got ${pageSize}`);
  }
  const maxRetries = options.maxRetries ?? 8;
  const shards: Shard[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    const input =
      nextToken === undefined
        ? { StreamName: stream, ...(pageSize === undefined ? {} : { MaxResults: pageSize }) }
        : { NextToken: nextToken, ...(pageSize === undefined ? {} : { MaxResults: pageSize }) };
    let attempt = 0;
    for (;;) {
      try {
        const page = await api.listShards(input, signal);
        shards.push(...(page.Shards ?? []));
        nextToken = page.NextToken;
        break;
      } catch (error) {
        attempt += 1;
        if (!isRetryableKinesisError(error) || attempt > maxRetries || signal?.aborted) throw error;
        await abortableSleep(
          backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF, options.random),
          signal,
        );
      }
    }
    // A server that hands back a token it already gave would otherwise keep this loop going for ever.
    if (nextToken !== undefined) {
      if (seenTokens.has(nextToken)) throw new Error(`ListShards for ${stream} repeated a NextToken`);
      seenTokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return shards;
}
