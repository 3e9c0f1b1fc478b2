import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { inexactKeysAsText } from "../kafkaConnect/inexactKeysAsText";
import { type JsonRecord, parseJsonRecord } from "../kafkaConnect/jsonRecord";
import { deaggregate } from "./deaggregate";
import { kinesisDataBytes } from "./kinesisData";
import { hasKplMagic } from "./kplFormat";

/** A Kinesis record as GetRecords (or a consumer) hands it over; `Data` may be base64 text. */
export interface KinesisRecordLike {
  readonly Data: Uint8Array | string;
  readonly PartitionKey: string;
  readonly SequenceNumber: string;
  readonly ApproximateArrivalTimestamp?: Date;
}

/** One JSON record read from a Kinesis record, with where it came from. */
export interface KinesisJsonRecord {
  readonly record: JsonRecord;
  /** The user record's bytes, exactly as sent (what the job core decodes and keeps when rejecting). */
  readonly data: Uint8Array;
  /** The user record's own partition key (inside an aggregate, not the outer one). */
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  /** Position inside a KPL aggregate; 0 for a plain record. */
  readonly subSequenceNumber: number;
  readonly aggregated: boolean;
  readonly approximateArrivalTimestamp: Date | null;
}

/** A user record that held no JSON record. */
export interface RejectedUserRecord {
  readonly subSequenceNumber: number;
  readonly reason: string;
  /** The user record's bytes, exactly as sent. */
  readonly data: Uint8Array;
}

/** What one Kinesis record held. */
export interface KinesisRecordContents {
  readonly records: KinesisJsonRecord[];
  readonly rejected: RejectedUserRecord[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

const parseData = (data: Uint8Array): DecodeResult<JsonRecord> => {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return rejected("data is not valid UTF-8");
  }
  const parsed = parseJsonRecord(text);
  // The stream's cleaners see only this record: an inexact key literal must reach them as text.
  if (parsed.ok) inexactKeysAsText(parsed.value, text);
  return parsed;
};

/**
 * Reads the JSON record(s) a Kinesis record holds: one for a plain record, one per user record for a
 * KPL aggregate (told apart by the magic bytes). A user record whose data is not a UTF-8 JSON record is
 * listed in `rejected` and the others are kept; a record that cannot be read at all (bad fields,
 * base64, or a corrupt aggregate) is `{ ok: false }`. A top-level `index`/`ind` whose literal is not
 * exactly a non-negative safe integer (`1e-400`) is kept as its literal's text, so that the cleaners
 * reject it as `invalid_key`, as `analyze` does (see `inexactKeysAsText`).
 *
 * @example
 * decodeKinesisRecord({
 *   Data: new TextEncoder().encode('{"ind":3}'), PartitionKey: "partition-1", SequenceNumber: "4959",
 * });
 * // { ok: true, value: { records: [{ record: { ind: 3 }, partitionKey: "partition-1",
 * //   sequenceNumber: "4959", subSequenceNumber: 0, aggregated: false, approximateArrivalTimestamp: null }],
 * //   rejected: [] } }
 */
export function decodeKinesisRecord(record: KinesisRecordLike): DecodeResult<KinesisRecordContents> {
  if (typeof record !== "object" || record === null) return rejected("record is not an object");
  const { PartitionKey, SequenceNumber, ApproximateArrivalTimestamp } = record;
  if (typeof PartitionKey !== "string") return rejected("PartitionKey is not a string");
  if (typeof SequenceNumber !== "string" || !/^\d{1,129}$/.test(SequenceNumber)) {
    return rejected("SequenceNumber is not a string of 1 to 129 digits");
  }
  if (
    ApproximateArrivalTimestamp !== undefined &&
    !(ApproximateArrivalTimestamp instanceof Date && !Number.isNaN(ApproximateArrivalTimestamp.getTime()))
  ) {
    return rejected("ApproximateArrivalTimestamp is not a valid Date");
  }
  const bytes = kinesisDataBytes(record.Data);
  if (!bytes.ok) return bytes;

  const source = {
    sequenceNumber: SequenceNumber,
    approximateArrivalTimestamp: ApproximateArrivalTimestamp ?? null,
  };
  const records: KinesisJsonRecord[] = [];
  const rejectedRecords: RejectedUserRecord[] = [];
  const aggregated = hasKplMagic(bytes.value);
  const userRecords = aggregated
    ? deaggregate({ Data: bytes.value })
    : decoded([{ partitionKey: PartitionKey, data: bytes.value, subSequenceNumber: 0 }]);
  if (!userRecords.ok) return userRecords;
  for (const { partitionKey, data, subSequenceNumber } of userRecords.value) {
    const parsed = parseData(data);
    if (parsed.ok) {
      records.push({ record: parsed.value, data, partitionKey, subSequenceNumber, aggregated, ...source });
    } else {
      rejectedRecords.push({ subSequenceNumber, reason: parsed.reason, data });
    }
  }
  return decoded({ records, rejected: rejectedRecords });
}
