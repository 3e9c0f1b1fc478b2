import { compareSequenceNumbers, type KinesisShardCheckpoint } from "@pinpipe/ingest";

/**
 * Where one user record sits in its shard: the Kinesis sequence number and, for records unpacked
 * from a KPL aggregate, their index in it.
 *
 * @example
 * const position: StreamPosition = { sequenceNumber: "49590338271490256608559692538361571095921575989136588898" };
 */
export interface StreamPosition {
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
}

/**
 * The text of a position in object names: the sequence number, then `.` and the sub-sequence
 * number for an aggregated record.
 *
 * @example
 * formatPosition({ sequenceNumber: "4959", subSequenceNumber: 2 }); // "4959.2"
 */
export function formatPosition(position: StreamPosition): string {
  return position.subSequenceNumber === undefined
    ? position.sequenceNumber
    : `${position.sequenceNumber}.${position.subSequenceNumber}`;
}

const POSITION = /^(0|[1-9][0-9]{0,127})(?:\.(0|[1-9][0-9]{0,15}))?$/;

/**
 * Reads a position written by {@link formatPosition}; `undefined` for anything else.
 *
 * @example
 * parsePosition("4959.2"); // { sequenceNumber: "4959", subSequenceNumber: 2 }
 * parsePosition("49x"); // undefined
 */
export function parsePosition(text: string): StreamPosition | undefined {
  const match = POSITION.exec(text);
  if (match === null) return undefined;
  const [, sequenceNumber, sub] = match as unknown as [string, string, string | undefined];
  if (sub === undefined) return { sequenceNumber };
  const subSequenceNumber = Number(sub);
  return Number.isSafeInteger(subSequenceNumber) ? { sequenceNumber, subSequenceNumber } : undefined;
}

/**
 * Orders positions within a shard: by sequence number (as 128-bit integers), then sub-sequence
 * number. A record without one comes before the user records of an aggregate at the same sequence
 * number (a sequence number is either one or the other).
 *
 * @example
 * comparePositions({ sequenceNumber: "9" }, { sequenceNumber: "10" }); // negative
 */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  const bySequence = compareSequenceNumbers(a.sequenceNumber, b.sequenceNumber);
  if (bySequence !== 0) return bySequence;
  return (a.subSequenceNumber ?? -1) - (b.subSequenceNumber ?? -1);
}

/**
 * Whether the record at `position` is covered by a shard's checkpointed progress: the shard is
 * finished, or the position is at or before the last record delivered. Progress without a
 * sub-sequence number covers the whole Kinesis record, every user record of an aggregate included.
 *
 * @example
 * isCovered({ sequenceNumber: "7", subSequenceNumber: 3 }, { sequenceNumber: "7" }); // true
 * isCovered({ sequenceNumber: "8" }, { sequenceNumber: "7" }); // false
 * isCovered({ sequenceNumber: "8" }, undefined); // false
 */
export function isCovered(position: StreamPosition, progress: KinesisShardCheckpoint | undefined): boolean {
  if (progress === undefined) return false;
  if (progress.finished === true) return true;
  if (progress.sequenceNumber === undefined) return false;
  const bySequence = compareSequenceNumbers(position.sequenceNumber, progress.sequenceNumber);
  if (bySequence !== 0) return bySequence < 0;
  return (
    progress.subSequenceNumber === undefined ||
    (position.subSequenceNumber ?? -1) <= progress.subSequenceNumber
  );
}
