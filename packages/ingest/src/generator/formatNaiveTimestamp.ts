const SECONDS_PER_DAY = 86_400;
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));

/**
 * Formats epoch seconds as the naive `YYYY-MM-DD HH:MM:SS` string producers send (UTC wall time).
 * Written out by hand because `Date#toISOString` dominated generator profiles. Years 1000..9999.
 *
 * @example
 * formatNaiveTimestamp(1546327273); // "2019-01-01 07:21:13"
 */
export function formatNaiveTimestamp(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / SECONDS_PER_DAY);
  let rest = epochSeconds - days * SECONDS_PER_DAY;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  // Days since 1970-01-01 to a proleptic Gregorian civil date, counting in 400-year eras from 0000-03-01.
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
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

/**
 * Reads a naive `YYYY-MM-DD HH:MM:SS` string as UTC epoch seconds (`NaN` when not a real instant).
 *
 * @example
 * naiveTimestampToSeconds("2019-01-01 07:21:13"); // 1546327273
 */
export function naiveTimestampToSeconds(naive: string): number {
  return Date.parse(`${naive.replace(" ", "T")}Z`) / 1000;
}
