/**
 * First four bytes of every record the Kinesis Producer Library aggregated; the protobuf
 * `AggregatedRecord` and a 16-byte MD5 of it follow.
 *
 * @example
 * KPL_MAGIC; // Uint8Array [0xf3, 0x89, 0x9a, 0xc2]
 */
export const KPL_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);

/**
 * Bytes of the MD5 digest that ends an aggregated record.
 *
 * @example
 * const digest = data.subarray(data.length - KPL_DIGEST_BYTES);
 */
export const KPL_DIGEST_BYTES = 16;

/**
 * Protobuf field numbers of the KPL messages:
 * `AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 * repeated Record records = 3; }`, `Record { required uint64 partition_key_index = 1;
 * optional uint64 explicit_hash_key_index = 2; required bytes data = 3; repeated Tag tags = 4; }` and
 * `Tag { required string key = 1; optional string value = 2; }`.
 *
 * @example
 * KplField.aggregated.records; // 3
 */
export const KplField = {
  aggregated: { partitionKeyTable: 1, explicitHashKeyTable: 2, records: 3 },
  record: { partitionKeyIndex: 1, explicitHashKeyIndex: 2, data: 3, tags: 4 },
  tag: { key: 1, value: 2 },
} as const;

/**
 * Whether `data` starts with the KPL magic bytes, i.e. claims to be an aggregated record.
 *
 * @example
 * hasKplMagic(new TextEncoder().encode('{"ind":1}')); // false
 */
export function hasKplMagic(data: Uint8Array): boolean {
  return data.length >= KPL_MAGIC.length && KPL_MAGIC.every((byte, index) => data[index] === byte);
}

/** One user record to aggregate. */
export interface KplUserRecord {
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** Decimal hash key that overrides the partition key's hash; omitted for none. */
  readonly explicitHashKey?: string;
}

/** One user record taken out of an aggregated record. */
export interface DeaggregatedUserRecord {
  readonly partitionKey: string;
  readonly explicitHashKey: string | null;
  readonly data: Uint8Array;
  /** Position of the user record inside its aggregated record, from 0. */
  readonly subSequenceNumber: number;
}
