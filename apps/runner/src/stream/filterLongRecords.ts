import type { _Record } from "@aws-sdk/client-kinesis";
import {
  deaggregate,
  hasKplMagic,
  type KinesisReadApi,
  type KinesisSourceItem,
  kinesisDataBytes,
} from "@pinpipe/ingest";
import { formatByteSize } from "../parseByteSize";
import { observeShardAnswers } from "./observeShardAnswers";

/**
 * Kinesis refuses records over 1 MiB (data and partition key), so no user record is longer.
 *
 * @example
 * byteSizeOption("stream", "max-record-bytes", value, 1, KINESIS_MAX_RECORD_BYTES, KINESIS_MAX_RECORD_BYTES);
 */
export const KINESIS_MAX_RECORD_BYTES = 1024 * 1024;

/** A {@link KinesisReadApi} that notes the user records over a size, and the check for them. */
/**
 * A Kinesis item as the stream job handles it: `tooLong` marks a user record rejected unread for
 * its length (its rejection reason is `too_long`, not `invalid_json`).
 *
 * @example
 * const item: StreamItem = { ...kinesisItem, tooLong: true, error: "record longer than the record limit" };
 */
export type StreamItem = KinesisSourceItem & { readonly tooLong?: true };

export interface LongRecordFilter {
  readonly api: KinesisReadApi;
  /**
   * The item as read, or, for a user record whose data is longer than the limit, an error item
   * saying so (its record left out), whatever its data held.
   */
  check(item: KinesisSourceItem): StreamItem;
}

const keyOf = (shardId: string, sequenceNumber: string, subSequenceNumber: number | undefined): string =>
  `${shardId}\u0000${sequenceNumber}\u0000${subSequenceNumber ?? ""}`;

/** Lengths of the user records of one Kinesis record over `limit`, by sub-sequence number (undefined: a plain record). */
function longUserRecords(record: _Record, limit: number): [number | undefined, number][] {
  const data = record.Data;
  // A record no longer than the limit holds no user record longer than it: nothing to unpack.
  if (data === undefined || (data instanceof Uint8Array && data.length <= limit)) return [];
  const bytes = kinesisDataBytes(data);
  if (!bytes.ok || bytes.value.length <= limit) return [];
  if (!hasKplMagic(bytes.value)) return [[undefined, bytes.value.length]];
  const users = deaggregate({ Data: bytes.value });
  // A corrupt aggregate is rejected whole by the reader already.
  if (!users.ok) return [];
  return users.value
    .filter((user) => user.data.length > limit)
    .map((user) => [user.subSequenceNumber, user.data.length]);
}

/**
 * Wraps a Kinesis read API so that user records (a plain record's data, or one user record of a
 * KPL aggregate) longer than `maxRecordBytes` become rejections with a reason: each GetRecords
 * answer is measured before the reader decodes it, and {@link LongRecordFilter.check} turns the
 * items of the long ones into error items. Records within the limit cost one length comparison.
 *
 * @throws {RangeError} when `maxRecordBytes` is not a positive integer.
 * @example
 * const filter = filterLongRecords(api, 64 * 1024);
 * for await (const item of readKinesisRecords({ client: filter.api, stream: "pins" })) handle(filter.check(item));
 */
export function filterLongRecords(api: KinesisReadApi, maxRecordBytes: number): LongRecordFilter {
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new RangeError(`maxRecordBytes must be a positive integer, got ${maxRecordBytes}`);
  }
  // Only long records are noted, and each is forgotten once its item has come through.
  const long = new Map<string, number>();
  return {
    api: observeShardAnswers(api, (shardId, output) => {
      for (const record of output.Records ?? []) {
        for (const [sub, bytes] of longUserRecords(record, maxRecordBytes)) {
          long.set(keyOf(shardId, record.SequenceNumber ?? "", sub), bytes);
        }
      }
    }),
    check(item) {
      if (long.size === 0) return item;
      const key = keyOf(item.shardId, item.sequenceNumber, item.subSequenceNumber);
      const bytes = long.get(key);
      if (bytes === undefined) return item;
      long.delete(key);
      const { stream, shardId, sequenceNumber, subSequenceNumber, partitionKey, arrivalTime } = item;
      return {
        stream,
        shardId,
        sequenceNumber,
        ...(subSequenceNumber === undefined ? {} : { subSequenceNumber }),
        partitionKey,
        arrivalTime,
        tooLong: true,
        error: `record longer than the record limit (${formatByteSize(maxRecordBytes)}): ${bytes} bytes`,
      };
    },
  };
}
