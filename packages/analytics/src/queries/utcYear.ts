const MS_PER_DAY = 86_400_000;

/**
 * The UTC calendar year of an epoch-milliseconds instant, like SQL `year(ts)` on a UTC timestamp,
 * computed with integer arithmetic (the proleptic Gregorian days-to-civil algorithm) so that
 * million-row columns need no `Date` object per row. `NaN` in, `NaN` out.
 *
 * @example
 * utcYear(Date.UTC(2019, 11, 31, 23, 59, 59)); // 2019
 * utcYear(Date.UTC(2020, 0, 1)); // 2020
 * utcYear(Number.NaN); // NaN
 */
export function utcYear(epochMillis: number): number {
  // Days counted from 0000-03-01 so that the leap day ends each 4/100/400-year cycle.
  const days = Math.floor(epochMillis / MS_PER_DAY) + 719_468;
  const era = Math.floor(days / 146_097);
  const dayOfEra = days - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // Day-of-year ≥ 306 falls in January or February, which belong to the next civil year.
  return yearOfEra + era * 400 + (dayOfYear >= 306 ? 1 : 0);
}
