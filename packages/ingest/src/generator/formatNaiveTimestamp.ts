import { civilDateOfEpochDays } from "@pinpipe/clean/bytes";

const SECONDS_PER_DAY = 86_400;
const civil = new Int32Array(3);
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
  civilDateOfEpochDays(days, civil);
  const year = civil[0]!;
  const month = civil[1]!;
  const day = civil[2]!;
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
