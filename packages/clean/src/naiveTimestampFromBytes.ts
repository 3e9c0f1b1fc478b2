/**
 * The one definition of the naive timestamp rule, on UTF-8 bytes. `naiveTimestampMillis` (strings)
 * is built on it: longer forms go through {@link naiveTimestampFromBytes} over the text's ASCII
 * codes, and the common 19-character form, read in place, shares this layout and
 * {@link naiveInstantMillis} (the range checks, days in month and day arithmetic).
 *
 * Layout (offsets from the first byte): `YYYY` 0, `-` 4, `MM` 5, `-` 7, `DD` 8, ` ` or `T` 10,
 * `hh` 11, `:` 13, `mm` 14, `:` 16, `ss` 17; then an optional `.` and 1 to 9 fraction digits, then,
 * in the `T` form only, an optional `Z`.
 */

const CHAR_0 = 0x30;
const MS_PER_DAY = 86_400_000;

/**
 * Shortest naive timestamp, `YYYY-MM-DD HH:MM:SS`: the shape producers send.
 *
 * @example
 * "2019-01-01 07:21:13".length === NAIVE_TIMESTAMP_MIN_LENGTH; // true
 */
export const NAIVE_TIMESTAMP_MIN_LENGTH = 19;

/**
 * Longest naive timestamp: the `T` form with a 9-digit fraction and `Z`.
 *
 * @example
 * "2019-01-01T07:21:13.123456789Z".length === NAIVE_TIMESTAMP_MAX_LENGTH; // true
 */
export const NAIVE_TIMESTAMP_MAX_LENGTH = 30;

/**
 * The two-digit number at `bytes[at]`, or -1 if either byte is not a digit. Straight-line code
 * (`>>> 0` turns a negative difference into a large number) so the JIT inlines it.
 */
function twoDigits(bytes: Uint8Array, at: number): number {
  const tens = bytes[at]! - CHAR_0;
  const units = bytes[at + 1]! - CHAR_0;
  return tens >>> 0 > 9 || units >>> 0 > 9 ? -1 : tens * 10 + units;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, by counting 400-year eras from 0000-03-01
 * (putting February last makes leap days fall at the end of each counted year). Plain arithmetic,
 * so years 0–99 are not shifted to 1900–1999 as `Date.UTC` would.
 */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The instant rule shared by the byte and string forms of the naive timestamp: epoch milliseconds
 * (UTC) of the given fields, or `NaN` when they name no real instant (a field below its range,
 * which is how both forms report a non-digit as -1, a day past the month's end, hour 24, minute or
 * second 60). Never rolls over.
 *
 * @example
 * naiveInstantMillis(1970, 1, 2, 0, 0, 0, 0); // 86400000
 * naiveInstantMillis(2021, 2, 30, 10, 0, 0, 0); // NaN
 */
export function naiveInstantMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  return (
    daysFromEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  );
}

/**
 * Epoch milliseconds (read as UTC) of the naive timestamp in the UTF-8 bytes `bytes[start, end)`,
 * or `NaN` when they are not one of the accepted forms or name no real instant. The rule is that of
 * `parseNaiveTimestamp` of @pinpipe/clean, which is built on this function: `YYYY-MM-DD HH:MM:SS` or
 * `YYYY-MM-DDTHH:MM:SS`, optionally with a fraction of a second (1 to 9 digits, truncated to
 * milliseconds), the `T` form optionally ending in `Z`; no blanks, no other offsets; impossible
 * instants (`2021-02-30`, hour 24, minute or second 60) are `NaN`, never rolled over. Every byte of
 * an accepted form is ASCII, so any multi-byte character makes it `NaN`. Reads nothing outside
 * `[start, end)`; a range past the end of `bytes` is `NaN`. Never throws, allocates nothing.
 *
 * @example
 * const bytes = new TextEncoder().encode("1970-01-02 00:00:00");
 * naiveTimestampFromBytes(bytes, 0, bytes.length); // 86400000
 * naiveTimestampFromBytes(new TextEncoder().encode("2021-02-30 10:00:00"), 0, 19); // NaN
 */
export function naiveTimestampFromBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 19 || length > 30 || start < 0 || end > bytes.length) return Number.NaN;
  const separator = bytes[start + 10];
  if (
    bytes[start + 4] !== 0x2d || // -
    bytes[start + 7] !== 0x2d ||
    (separator !== 0x20 && separator !== 0x54) || // space or T
    bytes[start + 13] !== 0x3a || // :
    bytes[start + 16] !== 0x3a
  ) {
    return Number.NaN;
  }
  const century = twoDigits(bytes, start);
  const yearOfCentury = twoDigits(bytes, start + 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 11);
  const minute = twoDigits(bytes, start + 14);
  const second = twoDigits(bytes, start + 17);
  let i = start + 19;
  let millisecond = 0;
  if (i < end && bytes[i] === 0x2e) {
    // Fraction of a second: 1 to 9 digits, truncated to the milliseconds a Date holds.
    const fractionStart = ++i;
    while (i < end && i - fractionStart < 9) {
      const digit = bytes[i]! - CHAR_0;
      if (digit < 0 || digit > 9) break;
      if (i - fractionStart < 3) millisecond = millisecond * 10 + digit;
      i++;
    }
    const fractionDigits = i - fractionStart;
    if (fractionDigits === 0) return Number.NaN;
    for (let k = fractionDigits; k < 3; k++) millisecond *= 10;
  }
  if (i < end && bytes[i] === 0x5a && separator === 0x54) i++; // Z, only in the T form
  if (i !== end) return Number.NaN;
  // twoDigits gives -1 for non-digits, which every lower bound rejects.
  return naiveInstantMillis(year, month, day, hour, minute, second, millisecond);
}
