import type { KinesisSourceItem } from "@pinpipe/ingest";
import type { StreamItem } from "../../src/stream/filterLongRecords";

/**
 * One record of {@link kinesisItems}: a JSON record (sent as its `JSON.stringify` text), or a user
 * record the decoder could not read, with the bytes that were sent when there were any (`data`,
 * text or bytes), or marked `tooLong` as `filterLongRecords` marks a record over the limit.
 */
export type KinesisItemInput =
  | Record<string, unknown>
  | {
      readonly error: string;
      readonly data?: Uint8Array | string;
      readonly tooLong?: true;
    };

const utf8 = new TextEncoder();

/**
 * Source items of one shard as `readKinesisRecords` hands them out, for tests: records get
 * increasing sequence numbers from `firstSequence` and arrival times one second apart from
 * `arrival`. A record's item carries its bytes (`data`, the record's JSON text) as the reader's
 * do, unless `withoutData` (a source that hands over parsed records only).
 */
export function kinesisItems(
  records: readonly KinesisItemInput[],
  options: {
    stream?: string;
    shardId?: string;
    firstSequence?: bigint;
    arrival?: number;
    withoutData?: boolean;
  } = {},
): StreamItem[] {
  const { stream = "pinpipe-geo", shardId = "shardId-000000000000" } = options;
  const first = options.firstSequence ?? 49_000_000_000_000_000_000n;
  const arrival = options.arrival ?? Date.UTC(2026, 10, 23, 10, 0, 0);
  return records.map((record, index): StreamItem => {
    const base = {
      stream,
      shardId,
      sequenceNumber: String(first + BigInt(index) * 10n),
      partitionKey: String(index),
      arrivalTime: new Date(arrival + index * 1000),
    };
    if ("error" in record && typeof record.error === "string") {
      const { data, tooLong } = record as { data?: Uint8Array | string; tooLong?: true };
      return {
        ...base,
        error: record.error,
        ...(data === undefined ? {} : { data: typeof data === "string" ? utf8.encode(data) : data }),
        ...(tooLong === undefined ? {} : { tooLong }),
      };
    }
    const item: KinesisSourceItem = { ...base, record: record as never };
    return options.withoutData === true ? item : { ...item, data: utf8.encode(JSON.stringify(record)) };
  });
}
