const MS_PER_DAY = 86_400_000;

function digits(bytes: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (civil-from-days arithmetic, no `Date`). */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 +
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear -
    719_468
  );
}

/**
 * Length in bytes of the timestamp shape producers send, `YYYY-MM-DD HH:MM:SS`, the only shape
 * {@link timestampFromBytes} reads.
 *
 * @example
 * "2019-01-01 07:21:13".length === COMMON_TIMESTAMP_LENGTH; // true
 */
export const COMMON_TIMESTAMP_LENGTH = 19;

/**
 * Epoch milliseconds (UTC) of the 19-byte naive timestamp `bytes[start, start + 19)` in the
 * `YYYY-MM-DD HH:MM:SS` (or `T`-separated) shape, or `NaN` when it is not that shape or names no
 * real instant (Feb 30, hour 24, second 60). Same rules and arithmetic as `parseNaiveTimestamp`
 * of @pinpipe/clean for this shape; other shapes (fractions, `Z`) are left to that function.
 *
 * @example
 * timestampFromBytes(new TextEncoder().encode("1970-01-02 00:00:00"), 0); // 86400000
 * timestampFromBytes(new TextEncoder().encode("2021-02-30 10:00:00"), 0); // NaN
 */
export function timestampFromBytes(bytes: Uint8Array, start: number): number {
  const separator = bytes[start + 10];
  if (
    bytes[start + 4] !== 0x2d ||
    bytes[start + 7] !== 0x2d ||
    (separator !== 0x20 && separator !== 0x54) ||
    bytes[start + 13] !== 0x3a ||
    bytes[start + 16] !== 0x3a
  ) {
    return Number.NaN;
  }
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  const second = digits(bytes, start + 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  return daysFromEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}
