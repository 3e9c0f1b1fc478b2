/**
 * Writes the proleptic Gregorian UTC date of a day count since 1970-01-01 to `out` as
 * `[year, month, day]` (month 1–12): civil-from-days arithmetic in 400-year eras from 0000-03-01,
 * the inverse of the day arithmetic the naive timestamp rule uses. No `Date`: callers run it per
 * row or per generated record, where a `Date` dominated profiles.
 *
 * @example
 * const out = new Int32Array(3);
 * civilDateOfEpochDays(0, out); // out: [1970, 1, 1]
 * civilDateOfEpochDays(-1, out); // out: [1969, 12, 31]
 */
export function civilDateOfEpochDays(days: number, out: Int32Array): void {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  out[0] = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
}
