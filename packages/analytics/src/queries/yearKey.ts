import { type LabeledKey, narrowCodes, orderedKey } from "./labeledKey";

const MS_PER_MEAN_YEAR = 365.2425 * 86_400_000;

/**
 * A grouping key of UTC years `firstYear … lastYear` (inclusive) from an epoch-milliseconds
 * column; rows with a null (`NaN`) instant or a year outside the range are dropped, as a SQL
 * `WHERE year(ts) BETWEEN firstYear AND lastYear` drops them. Each row is placed by comparing it
 * with the few year boundaries (`Date.UTC(year, 0, 1)`), so no `Date` is created per row.
 *
 * @example
 * const key = yearKey(new Float64Array([Date.UTC(2019, 5, 1), Date.UTC(2014, 0, 1), Number.NaN]), 3, 2015, 2020);
 * Array.from(key.codes); // [4, -1, -1]
 * key.labels[4]; // 2019
 */
export function yearKey(
  epochMillis: Float64Array,
  length: number,
  firstYear: number,
  lastYear: number,
): LabeledKey<number> {
  const labels = Array.from({ length: lastYear - firstYear + 1 }, (_, offset) => firstYear + offset);
  // starts[i] is the first millisecond of year firstYear + i; the last entry ends the range.
  const starts = Float64Array.from([...labels, lastYear + 1], (year) => Date.UTC(year, 0, 1));
  const end = starts[labels.length]!;
  const codes = narrowCodes(length, labels.length);
  for (let row = 0; row < length; row++) {
    const instant = epochMillis[row]!;
    // NaN fails both comparisons, so null instants are dropped too.
    if (!(instant >= starts[0]! && instant < end)) {
      codes[row] = -1;
      continue;
    }
    // Estimate from the mean Gregorian year, then correct by at most a step or two.
    let code = Math.min(Math.floor((instant - starts[0]!) / MS_PER_MEAN_YEAR), labels.length - 1);
    while (instant < starts[code]!) code--;
    while (instant >= starts[code + 1]!) code++;
    codes[row] = code;
  }
  return orderedKey(codes, labels);
}
