import {
  NAIVE_TIMESTAMP_MAX_LENGTH,
  NAIVE_TIMESTAMP_MIN_LENGTH,
  naiveInstantMillis,
  naiveTimestampFromBytes,
} from "./naiveTimestampFromBytes";

const CHAR_0 = 0x30;

/**
 * The two-digit number at `text[start]`, or -1 if either character is not a digit. Straight-line
 * code (`>>> 0` turns a negative difference into a large number) so the JIT inlines it.
 */
function twoDigits(text: string, start: number): number {
  const tens = text.charCodeAt(start) - CHAR_0;
  const units = text.charCodeAt(start + 1) - CHAR_0;
  return tens >>> 0 > 9 || units >>> 0 > 9 ? -1 : tens * 10 + units;
}

/** Where {@link naiveTimestampMillis} copies a longer form's ASCII character codes for the byte form. */
const scratch = new Uint8Array(NAIVE_TIMESTAMP_MAX_LENGTH);

/**
 * Epoch milliseconds of a naive timestamp read as UTC, or `NaN` when the text is not one of the
 * forms {@link parseNaiveTimestamp} accepts or names no real instant.
 *
 * Built on `naiveTimestampFromBytes` (the one definition of the rule, on UTF-8 bytes; see
 * `@pinpipe/clean/bytes`): a longer form (fraction, `Z`) is copied, ASCII code by code, into a
 * scratch buffer and read by it; any non-ASCII character (lone surrogates included) is `NaN`, as it
 * is for the bytes. The 19-character form producers send is read in place instead, with the same
 * layout (offsets documented in that module) and the same instant rule (`naiveInstantMillis`):
 * copying it first measured about 25% slower. Property tests hold the two forms equal.
 *
 * @example
 * naiveTimestampMillis("1970-01-02 00:00:00"); // 86400000
 * naiveTimestampMillis("2021-02-30 10:00:00"); // NaN
 */
export function naiveTimestampMillis(text: string): number {
  const length = text.length;
  if (length !== NAIVE_TIMESTAMP_MIN_LENGTH) return longerTimestampMillis(text);
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 0x2d || // -
    text.charCodeAt(7) !== 0x2d ||
    (separator !== 0x20 && separator !== 0x54) || // space or T
    text.charCodeAt(13) !== 0x3a || // :
    text.charCodeAt(16) !== 0x3a
  ) {
    return Number.NaN;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  // twoDigits gives -1 for non-digits, which naiveInstantMillis rejects.
  return naiveInstantMillis(
    year,
    twoDigits(text, 5),
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
    0,
  );
}

/** The forms longer than 19 characters, by the byte form over the text's ASCII codes. */
function longerTimestampMillis(text: string): number {
  const length = text.length;
  if (length < NAIVE_TIMESTAMP_MIN_LENGTH || length > NAIVE_TIMESTAMP_MAX_LENGTH) return Number.NaN;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return Number.NaN;
    scratch[i] = code;
  }
  return naiveTimestampFromBytes(scratch, 0, length);
}

/**
 * Reads a naive timestamp as UTC into a `Date`, or `null`. Accepted forms: `YYYY-MM-DD HH:MM:SS` as
 * producers send it, and the ISO 8601 form `YYYY-MM-DDTHH:MM:SS`, each optionally with a fraction
 * of a second (1 to 9 digits, truncated to milliseconds); the `T` form may end in `Z`. Other zone
 * offsets, surrounding blanks and other layouts are rejected rather than guessed. Impossible
 * instants are `null`, never rolled over: `2021-02-30`, hour 24, minute or second 60 (no leap
 * seconds). Years 0000–9999, proleptic Gregorian. Never throws.
 *
 * @example
 * parseNaiveTimestamp("2019-01-01 07:21:13")?.toISOString(); // "2019-01-01T07:21:13.000Z"
 * parseNaiveTimestamp("2019-01-01T07:21:13Z")?.getTime(); // 1546327273000
 * parseNaiveTimestamp("2021-02-30 10:00:00"); // null
 * parseNaiveTimestamp(1546327273000); // null (not a string)
 */
export function parseNaiveTimestamp(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const millis = naiveTimestampMillis(value);
  return Number.isNaN(millis) ? null : new Date(millis);
}
