import type { LocalServer } from "./localServer";
import { startServerProcess } from "./startServerProcess";
import { validatePort } from "./validatePort";

/**
 * Options of {@link startLocalKinesis}. The `*StreamMs` values are how long a stream stays in CREATING,
 * DELETING or UPDATING; AWS takes seconds, the defaults here are small so tests stay fast.
 *
 * @example
 * ```ts
 * const options: LocalKinesisOptions = { shardLimit: 20, createStreamMs: 0 };
 * ```
 */
export interface LocalKinesisOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Most shards the account may have, as AWS's shard quota (default 50). */
  readonly shardLimit?: number;
  /** Milliseconds a new stream stays CREATING (default 10). */
  readonly createStreamMs?: number;
  /** Milliseconds a deleted stream stays DELETING (default 10). */
  readonly deleteStreamMs?: number;
  /** Milliseconds a stream stays UPDATING after SplitShard, MergeShards and the like (default 10). */
  readonly updateStreamMs?: number;
  /** Milliseconds to wait for the server to start (default 20000). */
  readonly startTimeoutMs?: number;
}

const DEFAULT_STATE_MS = 10;

/**
 * Starts a real Kinesis-compatible server (kinesalite, in memory) on 127.0.0.1 in a child process.
 * Clients must use HTTP/1.1 (the AWS SDK's Kinesis client defaults to HTTP/2).
 *
 * @example
 * ```ts
 * const kinesis = await startLocalKinesis({ shardLimit: 20 });
 * const client = new KinesisClient({ endpoint: kinesis.endpoint, requestHandler: new NodeHttpHandler() });
 * // ... use the client ...
 * await kinesis.stop();
 * ```
 */
export function startLocalKinesis(options: LocalKinesisOptions = {}): Promise<LocalServer> {
  const port = validatePort(options.port);
  const milliseconds = (name: string, value: number | undefined): number => {
    const result = value ?? DEFAULT_STATE_MS;
    if (!Number.isInteger(result) || result < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
    }
    return result;
  };
  const shardLimit = options.shardLimit ?? 50;
  if (!Number.isInteger(shardLimit) || shardLimit < 1) {
    throw new RangeError(`shardLimit must be a positive integer, got ${String(options.shardLimit)}`);
  }
  return startServerProcess({
    launcher: "kinesalite.cjs",
    name: "kinesalite",
    options: {
      port,
      shardLimit,
      createStreamMs: milliseconds("createStreamMs", options.createStreamMs),
      deleteStreamMs: milliseconds("deleteStreamMs", options.deleteStreamMs),
      updateStreamMs: milliseconds("updateStreamMs", options.updateStreamMs),
    },
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
  });
}
