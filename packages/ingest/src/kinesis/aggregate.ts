import { createHash } from "node:crypto";
import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { explicitHashKeyProblem, partitionKeyProblem } from "./kinesisKeys";
import { KINESIS_LIMITS } from "./kinesisLimits";
import { KPL_DIGEST_BYTES, KPL_MAGIC, KplField, type KplUserRecord } from "./kplFormat";
import { ProtobufWriter, varintSize } from "./protobufWire";

/** One entry of a PutRecords request; assignable to the SDK's `PutRecordsRequestEntry`. */
export interface KinesisPutRecordsEntry {
  readonly Data: Uint8Array;
  readonly PartitionKey: string;
  readonly ExplicitHashKey?: string;
}

/** Options of {@link aggregate}. */
export interface AggregateLimits {
  /** Largest aggregated record, data plus outer partition key in bytes (default 1 MiB). */
  readonly maxRecordBytes?: number;
}

const encoder = new TextEncoder();
/** Bytes a length-delimited field with a payload of `length` bytes takes (fields 1 to 15). */
const fieldSize = (length: number): number => 1 + varintSize(length) + length;

interface PendingRecord {
  readonly partitionKeyIndex: number;
  readonly hashKeyIndex: number | undefined;
  readonly data: Uint8Array;
}

/** One aggregated record being filled, tracking its exact protobuf size as records are added. */
class Aggregation {
  readonly partitionKeys = new Map<string, number>();
  readonly hashKeys = new Map<string, number>();
  readonly records: PendingRecord[] = [];
  protobufBytes = 0;

  constructor(
    readonly outerPartitionKey: string,
    readonly outerHashKey: string | undefined,
  ) {}

  /** Protobuf bytes that adding `record` would add, and the record's key indices. */
  cost(record: KplUserRecord, partitionKeyBytes: number) {
    const knownPartitionKey = this.partitionKeys.get(record.partitionKey);
    const partitionKeyIndex = knownPartitionKey ?? this.partitionKeys.size;
    let added = knownPartitionKey === undefined ? fieldSize(partitionKeyBytes) : 0;
    let hashKeyIndex: number | undefined;
    if (record.explicitHashKey !== undefined) {
      const knownHashKey = this.hashKeys.get(record.explicitHashKey);
      hashKeyIndex = knownHashKey ?? this.hashKeys.size;
      // Hash keys are ASCII digits: characters are bytes.
      if (knownHashKey === undefined) added += fieldSize(record.explicitHashKey.length);
    }
    const recordSize =
      1 +
      varintSize(partitionKeyIndex) +
      (hashKeyIndex === undefined ? 0 : 1 + varintSize(hashKeyIndex)) +
      fieldSize(record.data.length);
    added += fieldSize(recordSize);
    return { added, partitionKeyIndex, hashKeyIndex };
  }

  /** Size of the whole PutRecords entry if `protobufBytes` of protobuf were written. */
  entryBytes(protobufBytes: number): number {
    return (
      KPL_MAGIC.length + protobufBytes + KPL_DIGEST_BYTES + encoder.encode(this.outerPartitionKey).length
    );
  }

  add(record: KplUserRecord, cost: ReturnType<Aggregation["cost"]>): void {
    if (cost.partitionKeyIndex === this.partitionKeys.size) {
      this.partitionKeys.set(record.partitionKey, cost.partitionKeyIndex);
    }
    if (record.explicitHashKey !== undefined && cost.hashKeyIndex === this.hashKeys.size) {
      this.hashKeys.set(record.explicitHashKey, cost.hashKeyIndex);
    }
    this.records.push({
      partitionKeyIndex: cost.partitionKeyIndex,
      hashKeyIndex: cost.hashKeyIndex,
      data: record.data,
    });
    this.protobufBytes += cost.added;
  }

  toEntry(): KinesisPutRecordsEntry {
    const writer = new ProtobufWriter(this.protobufBytes);
    // Maps iterate in insertion order, which is index order.
    for (const key of this.partitionKeys.keys()) {
      writer.writeBytesField(KplField.aggregated.partitionKeyTable, encoder.encode(key));
    }
    for (const key of this.hashKeys.keys()) {
      writer.writeBytesField(KplField.aggregated.explicitHashKeyTable, encoder.encode(key));
    }
    for (const record of this.records) {
      const inner = new ProtobufWriter(record.data.length + 16);
      inner.writeVarintField(KplField.record.partitionKeyIndex, record.partitionKeyIndex);
      if (record.hashKeyIndex !== undefined) {
        inner.writeVarintField(KplField.record.explicitHashKeyIndex, record.hashKeyIndex);
      }
      inner.writeBytesField(KplField.record.data, record.data);
      writer.writeBytesField(KplField.aggregated.records, inner.finish());
    }
    const protobuf = writer.finish();
    const data = new Uint8Array(KPL_MAGIC.length + protobuf.length + KPL_DIGEST_BYTES);
    data.set(KPL_MAGIC, 0);
    data.set(protobuf, KPL_MAGIC.length);
    data.set(createHash("md5").update(protobuf).digest(), KPL_MAGIC.length + protobuf.length);
    return this.outerHashKey === undefined
      ? { Data: data, PartitionKey: this.outerPartitionKey }
      : { Data: data, PartitionKey: this.outerPartitionKey, ExplicitHashKey: this.outerHashKey };
  }
}

/**
 * Packs user records, in order, into as few KPL aggregated records as fit the record size limit, ready
 * for PutRecords (see `batchPutRecords`). Each aggregated record takes the partition key (and explicit
 * hash key) of its first user record, so it lands on that record's shard; consumers that deaggregate
 * get every user record's own keys back.
 *
 * @throws {IngestInputError} when `userRecords` is not an array, a record has an invalid partition key,
 * explicit hash key or non-byte data, or a single user record is too large to fit an aggregated record.
 * @example
 * const bytes = new TextEncoder().encode('{"ind":1}');
 * aggregate([{ partitionKey: "a", data: bytes }, { partitionKey: "b", data: bytes }]);
 * // [{ Data: Uint8Array(F3 89 9A C2 ... MD5), PartitionKey: "a" }]
 */
export function aggregate(
  userRecords: readonly KplUserRecord[],
  limits: AggregateLimits = {},
): KinesisPutRecordsEntry[] {
  const fail = (reason: string): never => {
    throw new IngestInputError("aggregate", reason);
  };
  if (!Array.isArray(userRecords)) fail("userRecords is not an array");
  const maxRecordBytes = limits.maxRecordBytes ?? KINESIS_LIMITS.maxRecordBytes;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes <= 0)
    fail("maxRecordBytes is not a positive integer");

  const entries: KinesisPutRecordsEntry[] = [];
  let current: Aggregation | undefined;
  userRecords.forEach((record, index) => {
    if (typeof record !== "object" || record === null) fail(`userRecords[${index}] is not an object`);
    const keyProblem = partitionKeyProblem(record.partitionKey);
    if (keyProblem !== null) fail(`userRecords[${index}]: ${keyProblem}`);
    if (record.explicitHashKey !== undefined) {
      const hashProblem = explicitHashKeyProblem(record.explicitHashKey);
      if (hashProblem !== null) fail(`userRecords[${index}]: ${hashProblem}`);
    }
    if (!(record.data instanceof Uint8Array)) fail(`userRecords[${index}].data is not bytes`);
    const partitionKeyBytes = encoder.encode(record.partitionKey).length;

    if (current !== undefined) {
      const cost = current.cost(record, partitionKeyBytes);
      if (current.entryBytes(current.protobufBytes + cost.added) <= maxRecordBytes) {
        current.add(record, cost);
        return;
      }
      entries.push(current.toEntry());
    }
    current = new Aggregation(record.partitionKey, record.explicitHashKey);
    const cost = current.cost(record, partitionKeyBytes);
    const size = current.entryBytes(cost.added);
    if (size > maxRecordBytes) {
      fail(
        `userRecords[${index}] needs ${size} bytes once aggregated, over the ${maxRecordBytes}-byte record limit`,
      );
    }
    current.add(record, cost);
  });
  if (current !== undefined) entries.push(current.toEntry());
  return entries;
}
