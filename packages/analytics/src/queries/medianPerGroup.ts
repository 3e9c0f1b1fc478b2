import type { Grouping } from "./groupBy";
import type { ResolvedQueryOptions } from "./queryOptions";
import { selectKth } from "./selectKth";

/**
 * The median of each group over one value per grouped row, ignoring `NaN` (null) values like SQL
 * aggregates do; a group with no value gets `NaN` (SQL null). With `n` values sorted ascending,
 * `"lower"` is value number `ceil(n / 2)` (SQL `percentile_disc(0.5)`) and `"exact"` is the middle
 * value or, for even `n`, `lo + (hi - lo) * 0.5` of the two middle ones (SQL `percentile_cont(0.5)`,
 * the same interpolation DuckDB and Spark use). Values are bucketed by group (counting sort) and
 * each bucket is solved by quickselect, so the cost is linear in the row count on average.
 *
 * @example
 * const grouping = groupBy(4, [{ codes: new Int32Array([0, 0, 0, 0]), size: 1 }]);
 * const values = new Float64Array([40, 10, 30, 20]);
 * medianPerGroup(grouping, values, "lower")[0]; // 20
 * medianPerGroup(grouping, values, "exact")[0]; // 25
 */
export function medianPerGroup(
  grouping: Grouping,
  values: Float64Array,
  median: ResolvedQueryOptions["median"],
): Float64Array {
  const { groupCount, groupOfRow } = grouping;
  const offsets = new Int32Array(groupCount + 1);
  for (let row = 0; row < groupOfRow.length; row++) {
    const group = groupOfRow[row]!;
    if (group >= 0 && !Number.isNaN(values[row]!)) offsets[group + 1]!++;
  }
  for (let group = 0; group < groupCount; group++) offsets[group + 1]! += offsets[group]!;
  const next = offsets.slice(0, groupCount);
  const buckets = new Float64Array(offsets[groupCount]!);
  for (let row = 0; row < groupOfRow.length; row++) {
    const group = groupOfRow[row]!;
    const value = values[row]!;
    if (group >= 0 && !Number.isNaN(value)) buckets[next[group]!++] = value;
  }

  const medians = new Float64Array(groupCount).fill(Number.NaN);
  for (let group = 0; group < groupCount; group++) {
    const from = offsets[group]!;
    const to = offsets[group + 1]!;
    if (to === from) continue;
    const lowerAt = from + ((to - from - 1) >> 1);
    selectKth(buckets, from, to, lowerAt);
    const lower = buckets[lowerAt]!;
    if (median === "lower" || (to - from) % 2 === 1) {
      medians[group] = lower;
      continue;
    }
    // After selection everything past lowerAt is ≥ lower, so the upper middle value is their minimum.
    let upper = Number.POSITIVE_INFINITY;
    for (let at = lowerAt + 1; at < to; at++) upper = Math.min(upper, buckets[at]!);
    medians[group] = lower + (upper - lower) * 0.5;
  }
  return medians;
}
