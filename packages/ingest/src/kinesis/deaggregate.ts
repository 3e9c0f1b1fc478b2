import { createHash } from "node:crypto";
import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { kinesisDataBytes } from "./kinesisData";
import { type DeaggregatedUserRecord, hasKplMagic, KPL_DIGEST_BYTES, KPL_MAGIC, KplField } from "./kplFormat";
import { ProtobufReader, ProtobufWireError, WireType } from "./protobufWire";

const utf8 = new TextDecoder("utf-8", { fatal: true });

const text = (bytes: Uint8Array, what: string): string => {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufWireError(`${what} is not valid UTF-8`);
  }
};

const expectWireType = (actual: number, expected: number, what: string): void => {
  if (actual !== expected)
    throw new ProtobufWireError(`${what} has wire type ${actual}, expected ${expected}`);
};

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

/** Reads `Tag { required string key = 1; optional string value = 2; }`, only to check it. */
const checkTag = (bytes: Uint8Array, what: string): void => {
  const reader = new ProtobufReader(bytes);
  let hasKey = false;
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === KplField.tag.key || field === KplField.tag.value) {
      expectWireType(wireType, WireType.lengthDelimited, `${what} field ${field}`);
      text(reader.readLengthDelimited(), `${what} field ${field}`);
      hasKey ||= field === KplField.tag.key;
    } else {
      reader.skip(wireType);
    }
  }
  if (!hasKey) throw new ProtobufWireError(`${what} has no key`);
};

const readRecord = (
  bytes: Uint8Array,
  index: number,
  partitionKeys: readonly string[],
  hashKeys: readonly string[],
): DeaggregatedUserRecord => {
  const what = `records[${index}]`;
  const reader = new ProtobufReader(bytes);
  let partitionKeyIndex: number | undefined;
  let hashKeyIndex: number | undefined;
  let data: Uint8Array | undefined;
  let tagCount = 0;
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    switch (field) {
      case KplField.record.partitionKeyIndex:
        expectWireType(wireType, WireType.varint, `${what}.partition_key_index`);
        partitionKeyIndex = reader.readVarint();
        break;
      case KplField.record.explicitHashKeyIndex:
        expectWireType(wireType, WireType.varint, `${what}.explicit_hash_key_index`);
        hashKeyIndex = reader.readVarint();
        break;
      case KplField.record.data:
        expectWireType(wireType, WireType.lengthDelimited, `${what}.data`);
        data = reader.readLengthDelimited();
        break;
      case KplField.record.tags:
        expectWireType(wireType, WireType.lengthDelimited, `${what}.tags`);
        checkTag(reader.readLengthDelimited(), `${what}.tags[${tagCount++}]`);
        break;
      default:
        reader.skip(wireType);
    }
  }
  if (partitionKeyIndex === undefined) throw new ProtobufWireError(`${what} has no partition_key_index`);
  if (data === undefined) throw new ProtobufWireError(`${what} has no data`);
  const partitionKey = partitionKeys[partitionKeyIndex];
  if (partitionKey === undefined) {
    throw new ProtobufWireError(
      `${what}.partition_key_index ${partitionKeyIndex} is outside the table of ${partitionKeys.length} keys`,
    );
  }
  let explicitHashKey: string | null = null;
  if (hashKeyIndex !== undefined) {
    const hashKey = hashKeys[hashKeyIndex];
    if (hashKey === undefined) {
      throw new ProtobufWireError(
        `${what}.explicit_hash_key_index ${hashKeyIndex} is outside the table of ${hashKeys.length} keys`,
      );
    }
    explicitHashKey = hashKey;
  }
  return { partitionKey, explicitHashKey, data: data.slice(), subSequenceNumber: index };
};

/**
 * Takes the user records out of a record aggregated by the Kinesis Producer Library: magic bytes
 * `F3 89 9A C2`, a protobuf `AggregatedRecord` (see `KplField`), then the MD5 of the protobuf bytes.
 * Every check fails the whole record with a reason rather than yield garbage: missing magic, MD5
 * mismatch, truncated varints, lengths past the end, wrong wire types, missing required fields,
 * invalid UTF-8 keys and key indices outside their tables. Tags are checked but not returned.
 * `Data` may be bytes or base64 text. Records without the magic are refused (use
 * `decodeKinesisRecord` to accept both kinds).
 *
 * @example
 * const [entry] = aggregate([{ partitionKey: "p", data: new TextEncoder().encode('{"ind":1}') }]);
 * deaggregate(entry!);
 * // { ok: true, value: [{ partitionKey: "p", explicitHashKey: null, data: <bytes>, subSequenceNumber: 0 }] }
 */
export function deaggregate(record: {
  readonly Data: Uint8Array | string;
}): DecodeResult<DeaggregatedUserRecord[]> {
  if (typeof record !== "object" || record === null) return rejected("record is not an object");
  const bytes = kinesisDataBytes(record.Data);
  if (!bytes.ok) return bytes;
  const data = bytes.value;
  if (!hasKplMagic(data)) return rejected("Data does not start with the KPL magic bytes");
  if (data.length < KPL_MAGIC.length + KPL_DIGEST_BYTES) {
    return rejected("aggregated record is shorter than its magic bytes and MD5 digest");
  }
  const body = data.subarray(KPL_MAGIC.length, data.length - KPL_DIGEST_BYTES);
  const digest = createHash("md5").update(body).digest();
  if (!equalBytes(digest, data.subarray(data.length - KPL_DIGEST_BYTES))) {
    return rejected("MD5 digest does not match the aggregated record");
  }
  try {
    const partitionKeys: string[] = [];
    const hashKeys: string[] = [];
    const recordBytes: Uint8Array[] = [];
    const reader = new ProtobufReader(body);
    // Fields may come in any order, so records are read once both key tables are complete.
    while (!reader.done) {
      const { field, wireType } = reader.readTag();
      switch (field) {
        case KplField.aggregated.partitionKeyTable:
          expectWireType(wireType, WireType.lengthDelimited, "partition_key_table");
          partitionKeys.push(
            text(reader.readLengthDelimited(), `partition_key_table[${partitionKeys.length}]`),
          );
          break;
        case KplField.aggregated.explicitHashKeyTable:
          expectWireType(wireType, WireType.lengthDelimited, "explicit_hash_key_table");
          hashKeys.push(text(reader.readLengthDelimited(), `explicit_hash_key_table[${hashKeys.length}]`));
          break;
        case KplField.aggregated.records:
          expectWireType(wireType, WireType.lengthDelimited, "records");
          recordBytes.push(reader.readLengthDelimited());
          break;
        default:
          reader.skip(wireType);
      }
    }
    return decoded(recordBytes.map((bytes, index) => readRecord(bytes, index, partitionKeys, hashKeys)));
  } catch (error) {
    if (error instanceof ProtobufWireError) return rejected(error.message);
    throw error;
  }
}
