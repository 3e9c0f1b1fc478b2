const CHAR_0 = 0x30;
const MS_PER_DAY = 86_400_000;

/**
 * The two-digit number at `text[start]`, or -1 if either character is not a digit. Straight-line
 * code (`>>> 0` turns a negative difference into a large number) so the JIT inlines it.
 */
function twoDigits(text: string, start: number): number {
  const tens = text.charCodeAt(start) - CHAR_0;
  const units = text.charCodeAt(start + 1) - CHAR_0;
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
 * Epoch milliseconds of a naive timestamp read as UTC, or `NaN` when the text is not one of the
 * forms {@link parseNaiveTimestamp} accepts or names no real instant.
 *
 * @example
 * naiveTimestampMillis("1970-01-02 00:00:00"); // 86400000
 * naiveTimestampMillis("2021-02-30 10:00:00"); // NaN
 */
export function naiveTimestampMillis(text: string): number {
  const length = text.length;
  if (length < 19 || length > 30) return Number.NaN;
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
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // twoDigits gives -1 for non-digits, which every lower bound below rejects.
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;

  let i = 19;
  let millisecond = 0;
  if (i < length && text.charCodeAt(i) === 0x2e) {
    // Fraction of a second: 1 to 9 digits, truncated to the milliseconds a Date holds.
    const fractionStart = ++i;
    while (i < length && i - fractionStart < 9) {
      const digit = text.charCodeAt(i) - CHAR_0;
      if (digit < 0 || digit > 9) break;
      if (i - fractionStart < 3) millisecond = millisecond * 10 + digit;
      i++;
    }
    const fractionDigits = i - fractionStart;
    if (fractionDigits === 0) return Number.NaN;
    for (let k = fractionDigits; k < 3; k++) millisecond *= 10;
  }
  if (i < length && text.charCodeAt(i) === 0x5a && separator === 0x54) i++; // Z, only in the T form
  if (i !== length) return Number.NaN;

  return (
    daysFromEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  );
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
