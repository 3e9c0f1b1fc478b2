import type { _Record } from "@aws-sdk/client-kinesis";
import type { JsonRecord } from "../kafkaConnect/jsonRecord";
import { decodeKinesisRecord } from "../kinesis/decodeKinesisRecord";
import { hasKplMagic } from "../kinesis/kplFormat";

/**
 * One user record found in a Kinesis record: a JSON record, or why it is not one. `subSequenceNumber`
 * is set only for user records of a KPL aggregate; `partitionKey` is the user record's own key.
 *
 * @example
 * ```ts
 * const entry: KinesisPayloadEntry = { partitionKey: "user-1", result: { ok: true, value: { ind: 1 } } };
 * ```
 */
export interface KinesisPayloadEntry {
  readonly subSequenceNumber?: number;
  readonly partitionKey: string;
  /** The user record's bytes as sent (the whole record's data for one that cannot be read at all, when it has bytes). */
  readonly data?: Uint8Array;
  readonly result:
    | { readonly ok: true; readonly value: JsonRecord }
    | { readonly ok: false; readonly reason: string };
}

/**
 * The user records of one GetRecords record, in sub-sequence order, good and bad together, using the
 * Kinesis codec (`decodeKinesisRecord`, which unpacks KPL aggregates). A record that cannot be read at
 * all (e.g. a corrupt aggregate) gives one error entry.
 *
 * @example
 * ```ts
 * kinesisPayloadEntries({ Data: new TextEncoder().encode('{"ind":1}'), PartitionKey: "k", SequenceNumber: "1" });
 * // [{ partitionKey: "k", result: { ok: true, value: { ind: 1 } } }]
 * ```
 */
export function kinesisPayloadEntries(record: _Record): KinesisPayloadEntry[] {
  const outerKey = record.PartitionKey ?? "";
  const decoded = decodeKinesisRecord({
    Data: record.Data ?? new Uint8Array(),
    PartitionKey: outerKey,
    SequenceNumber: record.SequenceNumber ?? "",
    ...(record.ApproximateArrivalTimestamp === undefined
      ? {}
      : { ApproximateArrivalTimestamp: record.ApproximateArrivalTimestamp }),
  });
  if (!decoded.ok) {
    const data = record.Data instanceof Uint8Array ? { data: record.Data } : {};
    return [{ partitionKey: outerKey, ...data, result: { ok: false, reason: decoded.reason } }];
  }
  const aggregated = record.Data !== undefined && hasKplMagic(record.Data);
  const entries: (KinesisPayloadEntry & { readonly order: number })[] = [
    ...decoded.value.records.map((user) => ({
      order: user.subSequenceNumber,
      partitionKey: user.partitionKey,
      data: user.data,
      result: { ok: true as const, value: user.record },
    })),
    ...decoded.value.rejected.map((user) => ({
      order: user.subSequenceNumber,
      partitionKey: outerKey,
      data: user.data,
      result: { ok: false as const, reason: user.reason },
    })),
  ];
  return entries
    .sort((a, b) => a.order - b.order)
    .map(({ order, ...entry }) => (aggregated ? { ...entry, subSequenceNumber: order } : entry));
}
