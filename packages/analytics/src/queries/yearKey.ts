import { type LabeledKey, orderedKey } from "./labeledKey";
import { utcYear } from "./utcYear";

/**
 * A grouping key of UTC years `firstYear … lastYear` (inclusive) from an epoch-milliseconds
 * column; rows with a null (`NaN`) instant or a year outside the range are dropped, as a SQL
 * `WHERE year(ts) BETWEEN firstYear AND lastYear` drops them.
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
  const codes = new Int32Array(length);
  for (let row = 0; row < length; row++) {
    const year = utcYear(epochMillis[row]!);
    codes[row] = year >= firstYear && year <= lastYear ? year - firstYear : -1;
  }
  const labels = Array.from({ length: lastYear - firstYear + 1 }, (_, offset) => firstYear + offset);
  return orderedKey(codes, labels);
}
