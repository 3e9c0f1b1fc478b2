import type { Grouping } from "./groupBy";

/**
 * SQL `max(x)` per group over one value per grouped row: `NaN` values (nulls) are ignored, and a
 * group with no other value gets `NaN` (SQL null).
 *
 * @example
 * const grouping = groupBy(3, [{ codes: new Int32Array([0, 0, 1]), size: 2 }]);
 * Array.from(maxPerGroup(grouping, new Float64Array([4, 9, Number.NaN]))); // [9, NaN]
 */
export function maxPerGroup(grouping: Grouping, values: Float64Array): Float64Array {
  const maxima = new Float64Array(grouping.groupCount).fill(Number.NaN);
  const { groupOfRow } = grouping;
  for (let row = 0; row < groupOfRow.length; row++) {
    const group = groupOfRow[row]!;
    const value = values[row]!;
    // `!(value <= max)` is true for a NaN max, so the first value always replaces the null.
    if (group >= 0 && !Number.isNaN(value) && !(value <= maxima[group]!)) maxima[group] = value;
  }
  return maxima;
}
