import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { TableName } from "@pinpipe/clean";
import { type ConsumeStreamOptions, consumeStream, type StreamStats } from "./consumeStream";
import type { StreamDeltaTable } from "./streamDeltaTable";
import type { StreamNames } from "./streamNames";

/**
 * Options of {@link runStream}.
 *
 * @example
 * const options: RunStreamOptions = { client, sink, streams: DEFAULT_STREAM_NAMES, from: "trim-horizon", batchRecords: 1000, batchMs: 10_000 };
 */
export interface RunStreamOptions
  extends Omit<ConsumeStreamOptions, "stream" | "table" | "client" | "signal" | "delta"> {
  readonly client: KinesisClient;
  readonly streams: StreamNames;
  /** The Delta table of each stream's clean records; without it, `stream/tables/…` Parquet files. */
  readonly deltaTable?: ((table: TableName, stream: string) => StreamDeltaTable) | undefined;
  /** Graceful stop of all three streams. */
  readonly signal?: AbortSignal;
}

/**
 * A running stream job: the stats of its three streams at any time, and `done` when all stopped.
 *
 * @example
 * const job = runStream(options);
 * const [pin, geo, user] = await job.done;
 */
export interface StreamJob {
  stats(): readonly StreamStats[];
  readonly done: Promise<readonly StreamStats[]>;
}

/**
 * Runs the stream job: the pin, geo and user streams consumed side by side, each into its table
 * (see `consumeStream`). When one stream fails, the others stop gracefully (their batches are
 * written and checkpointed) and `done` rejects with the first failure.
 *
 * @example
 * const job = runStream({ client, sink, streams, from: "trim-horizon", batchRecords: 1000, batchMs: 10_000, idleMs: 5000 });
 * await job.done;
 */
export function runStream(options: RunStreamOptions): StreamJob {
  const { streams, signal, deltaTable, ...rest } = options;
  const stop = new AbortController();
  const onStop = (): void => stop.abort();
  signal?.addEventListener("abort", onStop, { once: true });
  if (signal?.aborted) stop.abort();
  const consumers = (["pin", "geo", "user"] as const).map((table) =>
    consumeStream({
      ...rest,
      stream: streams[table],
      table,
      signal: stop.signal,
      delta: deltaTable?.(table, streams[table]),
    }),
  );
  const done = (async () => {
    let failure: { readonly error: unknown } | undefined;
    const outcomes = await Promise.allSettled(
      consumers.map((consumer) =>
        consumer.done.catch((error: unknown) => {
          // The first failure is the cause; the others may only be its consequences.
          failure ??= { error };
          stop.abort();
          throw error;
        }),
      ),
    );
    signal?.removeEventListener("abort", onStop);
    if (failure !== undefined) throw failure.error;
    return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<StreamStats>).value);
  })();
  return { stats: () => consumers.map((consumer) => consumer.stats()), done };
}
