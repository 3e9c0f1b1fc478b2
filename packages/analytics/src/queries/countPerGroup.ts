import type { Grouping } from "./groupBy";

/**
 * SQL `count(*)` per group: the number of rows in each group (dropped rows not counted).
 *
 * @example
 * const grouping = groupBy(3, [{ codes: new Int32Array([0, 1, 0]), size: 2 }]);
 * Array.from(countPerGroup(grouping)); // [2, 1]
 */
export function countPerGroup(grouping: Grouping): Float64Array {
  const counts = new Float64Array(grouping.groupCount);
  const { groupOfRow } = grouping;
  for (let row = 0; row < groupOfRow.length; row++) {
    const group = groupOfRow[row]!;
    if (group >= 0) counts[group]!++;
  }
  return counts;
}
