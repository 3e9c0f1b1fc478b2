import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-kinesis";
import { abortableSleep } from "./abortableSleep";

/**
 * Options of {@link ensureKinesisStream}.
 *
 * @example
 * ```ts
 * const options: EnsureKinesisStreamOptions = { client, stream: "pins", shardCount: 2 };
 * ```
 */
export interface EnsureKinesisStreamOptions {
  readonly client: KinesisClient;
  readonly stream: string;
  /** Shards of a newly created stream (an existing stream is left as it is). */
  readonly shardCount: number;
  /** Give up waiting for ACTIVE after this long (default 120000 ms; AWS usually needs under a minute). */
  readonly timeoutMs?: number;
  /** Wait between status checks (default 250 ms). */
  readonly pollIntervalMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Creates a provisioned stream if it does not exist, then waits until it is ACTIVE (a stream cannot be
 * written or read while CREATING). Returns whether it created the stream.
 *
 * @example
 * ```ts
 * const created = await ensureKinesisStream({ client, stream: "pins", shardCount: 2 });
 * ```
 */
export async function ensureKinesisStream(options: EnsureKinesisStreamOptions): Promise<boolean> {
  const { client, stream, signal } = options;
  if (!Number.isInteger(options.shardCount) || options.shardCount < 1) {
    throw new RangeError(`shardCount must be a positive integer, got ${options.shardCount}`);
  }
  let created = false;
  try {
    await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: options.shardCount }), {
      ...(signal === undefined ? {} : { abortSignal: signal }),
    });
    created = true;
  } catch (error) {
    // In use: it exists already (or is being created by someone else); either way, wait for ACTIVE.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    signal?.throwIfAborted();
    try {
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }), {
        ...(signal === undefined ? {} : { abortSignal: signal }),
      });
      const status = summary.StreamDescriptionSummary?.StreamStatus;
      if (status === "ACTIVE") return created;
      if (status === "DELETING") throw new Error(`stream ${stream} is being deleted`);
    } catch (error) {
      // Just created streams may not be visible yet to every API host.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (Date.now() >= deadline) throw new Error(`stream ${stream} did not become ACTIVE in time`);
    await abortableSleep(options.pollIntervalMs ?? 250, signal);
  }
}
