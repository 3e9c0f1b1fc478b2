import { IngestInputError } from "../kafkaConnect/ingestInputError";

const SEQUENCE_NUMBER = /^\d{1,129}$/;

const significant = (sequenceNumber: string, side: string): string => {
  if (typeof sequenceNumber !== "string" || !SEQUENCE_NUMBER.test(sequenceNumber)) {
    throw new IngestInputError("compareSequenceNumbers", `${side} is not a string of 1 to 129 digits`);
  }
  return sequenceNumber.replace(/^0+(?=\d)/, "");
};

/**
 * Orders Kinesis sequence numbers numerically. They are decimal strings of up to 129 digits, far past
 * what a JS number holds exactly, so they are compared by length, then digit by digit.
 *
 * @throws {IngestInputError} when a side is not a string of 1 to 129 digits.
 * @example
 * compareSequenceNumbers("49590338271490256608559692538361571095921575989136588898", "9"); // 1
 * ["10", "9", "100"].sort(compareSequenceNumbers); // ["9", "10", "100"]
 */
export function compareSequenceNumbers(a: string, b: string): number {
  const left = significant(a, "left sequence number");
  const right = significant(b, "right sequence number");
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}
