import type { KinesisSourceItem } from "@pinpipe/ingest";

/**
 * Source items of one shard as `readKinesisRecords` hands them out, for tests: records get
 * increasing sequence numbers from `firstSequence` and arrival times one second apart from `arrival`.
 */
export function kinesisItems(
  records: readonly (Record<string, unknown> | { readonly error: string })[],
  options: { stream?: string; shardId?: string; firstSequence?: bigint; arrival?: number } = {},
): KinesisSourceItem[] {
  const { stream = "pinpipe-geo", shardId = "shardId-000000000000" } = options;
  const first = options.firstSequence ?? 49_000_000_000_000_000_000n;
  const arrival = options.arrival ?? Date.UTC(2026, 10, 23, 10, 0, 0);
  return records.map((record, index) => {
    const base = {
      stream,
      shardId,
      sequenceNumber: String(first + BigInt(index) * 10n),
      partitionKey: String(index),
      arrivalTime: new Date(arrival + index * 1000),
    };
    return "error" in record && typeof record.error === "string"
      ? { ...base, error: record.error }
      : { ...base, record: record as never };
  });
}
