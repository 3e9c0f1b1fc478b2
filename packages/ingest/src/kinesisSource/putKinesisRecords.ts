import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { stringifyJsonRecord } from "../kafkaConnect/jsonRecord";
import { batchPutRecords } from "../kinesis/batchPutRecords";
import { partitionKeyProblem } from "../kinesis/kinesisKeys";
import { abortableSleep } from "./abortableSleep";
import { type BackoffOptions, backoffDelay, validateBackoff } from "./backoffDelay";
import { isRetryableKinesisError } from "./isRetryableKinesisError";
import { type KinesisWriteApi, toKinesisWriteApi } from "./kinesisApi";

/**
 * Options of {@link putKinesisRecords}.
 *
 * @example
 * ```ts
 * const options: PutKinesisRecordsOptions<{ ind: number }> = { client, stream: "pins", records, partitionKey: (r) => String(r.ind) };
 * ```
 */
export interface PutKinesisRecordsOptions<T> {
  readonly client: KinesisClient | KinesisWriteApi;
  readonly stream: string;
  /** JSON records (plain objects), each sent as its UTF-8 JSON text. */
  readonly records: readonly T[];
  /** One key for all records, or one per record; Kinesis hashes it to pick the shard. */
  readonly partitionKey: string | ((record: T, index: number) => string);
  /** Attempts per request, the first included, before failing with the entries still rejected (default 5). */
  readonly maxAttempts?: number;
  /** Backoff between attempts (default 100 ms doubling up to 5 s, with jitter). */
  readonly backoff?: BackoffOptions;
  readonly signal?: AbortSignal;
  /** Called before waiting to resend: how many entries and how long. */
  readonly onRetry?: (event: {
    readonly attempt: number;
    readonly entries: number;
    readonly delayMs: number;
  }) => void;
  /** Source of jitter in [0, 1) (tests). */
  readonly random?: () => number;
}

/**
 * Where Kinesis stored each record, in the order of the input.
 *
 * @example
 * ```ts
 * const { results } = await putKinesisRecords({ client, stream: "pins", records, partitionKey: "k" });
 * results[0]; // { shardId: "shardId-000000000000", sequenceNumber: "4959..." }
 * ```
 */
export interface PutKinesisRecordsResult {
  readonly results: readonly { readonly shardId: string; readonly sequenceNumber: string }[];
  /** PutRecords calls made, retries included. */
  readonly requests: number;
  /** Entries sent again after Kinesis rejected them. */
  readonly retriedEntries: number;
}

/**
 * Thrown by {@link putKinesisRecords} when entries are still rejected after the last attempt (or are
 * rejected for a reason a retry cannot fix); `failed` lists them by input index.
 *
 * @example
 * ```ts
 * try { await putKinesisRecords(options); } catch (error) {
 *   if (error instanceof KinesisPutRecordsError) console.error(error.failed.length, "records not written");
 * }
 * ```
 */
export class KinesisPutRecordsError extends Error {
  readonly failed: readonly {
    readonly index: number;
    readonly errorCode: string;
    readonly errorMessage: string;
  }[];

  constructor(stream: string, attempts: number, failed: KinesisPutRecordsError["failed"]) {
    const codes = [...new Set(failed.map((entry) => entry.errorCode))].join(", ");
    super(
      `PutRecords to ${stream}: ${failed.length} record(s) still rejected after ${attempts} attempt(s) (${codes})`,
    );
    this.name = "KinesisPutRecordsError";
    this.failed = failed;
  }
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 5_000 };

/** Per-entry errors no retry can fix: the stream's KMS key is unusable. */
function isPermanentEntryError(errorCode: string): boolean {
  return errorCode.startsWith("KMS") && errorCode !== "KMSThrottlingException";
}

/**
 * Writes records to a stream with PutRecords in batches within the codec's `KINESIS_LIMITS` (split by
 * `batchPutRecords`, so both share one definition). PutRecords is not all-or-nothing: the response marks each
 * rejected entry (ErrorCode, e.g. ProvisionedThroughputExceededException), so only those are sent again,
 * after a capped exponential backoff, up to `maxAttempts`. A whole call that is throttled is retried the
 * same way. Retrying can reorder records of one partition key when an earlier one was rejected and a
 * later one accepted; Kinesis gives no stronger guarantee for PutRecords.
 *
 * @throws {KinesisPutRecordsError} when entries are still rejected at the end.
 * @throws {IngestInputError} when a record is not a JSON record, a partition key is invalid or a record
 * alone is over the record limit (all checked before anything is sent).
 * @example
 * ```ts
 * const posts = [{ ind: 1, title: "Tiny homes" }];
 * await putKinesisRecords({ client, stream: "pins", records: posts, partitionKey: (post) => String(post.ind) });
 * ```
 */
export async function putKinesisRecords<T>(
  options: PutKinesisRecordsOptions<T>,
): Promise<PutKinesisRecordsResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const backoff = validateBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const { stream, signal } = options;
  const api = toKinesisWriteApi(options.client);
  const encoder = new TextEncoder();
  const entries = options.records.map((record, index) => {
    const partitionKey =
      typeof options.partitionKey === "string" ? options.partitionKey : options.partitionKey(record, index);
    const keyProblem = partitionKeyProblem(partitionKey);
    if (keyProblem !== null)
      throw new IngestInputError("putKinesisRecords", `records[${index}]: ${keyProblem}`);
    const text = stringifyJsonRecord(record, "putKinesisRecords", `records[${index}]`);
    return { Data: encoder.encode(text), PartitionKey: partitionKey, index };
  });
  const batches = batchPutRecords(entries).map((batch) => batch.map((entry) => entry.index));

  const results: { shardId: string; sequenceNumber: string }[] = new Array(entries.length);
  let requests = 0;
  let retriedEntries = 0;
  for (const batch of batches) {
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const failed: { index: number; errorCode: string; errorMessage: string }[] = [];
      try {
        requests += 1;
        const response = await api.putRecords(
          {
            StreamName: stream,
            Records: pending.map((index) => ({
              Data: entries[index]!.Data,
              PartitionKey: entries[index]!.PartitionKey,
            })),
          },
          signal,
        );
        const answers = response.Records ?? [];
        if (answers.length !== pending.length) {
          throw new Error(
            `PutRecords to ${stream} answered ${answers.length} entries for ${pending.length} sent`,
          );
        }
        for (const [position, answer] of answers.entries()) {
          const index = pending[position]!;
          if (
            answer.ErrorCode === undefined &&
            answer.SequenceNumber !== undefined &&
            answer.ShardId !== undefined
          ) {
            results[index] = { shardId: answer.ShardId, sequenceNumber: answer.SequenceNumber };
          } else {
            failed.push({
              index,
              errorCode: answer.ErrorCode ?? "MissingSequenceNumber",
              errorMessage: answer.ErrorMessage ?? "",
            });
          }
        }
      } catch (error) {
        if (!isRetryableKinesisError(error) || attempt >= maxAttempts) throw error;
        const delayMs = backoffDelay(attempt, backoff, options.random);
        options.onRetry?.({ attempt, entries: pending.length, delayMs });
        retriedEntries += pending.length;
        await abortableSleep(delayMs, signal);
        continue;
      }
      if (failed.length === 0) break;
      if (attempt >= maxAttempts || failed.some((entry) => isPermanentEntryError(entry.errorCode))) {
        throw new KinesisPutRecordsError(stream, attempt, failed);
      }
      pending = failed.map((entry) => entry.index);
      const delayMs = backoffDelay(attempt, backoff, options.random);
      options.onRetry?.({ attempt, entries: pending.length, delayMs });
      retriedEntries += pending.length;
      await abortableSleep(delayMs, signal);
    }
  }
  return { results, requests, retriedEntries };
}
