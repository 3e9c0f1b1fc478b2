import type { ResolvedQueryOptions } from "./queryOptions";

/**
 * Picks the winning groups of each partition: those whose metric equals the partition's maximum
 * (SQL `rank() OVER (PARTITION BY … ORDER BY metric DESC) = 1`), or with `ties: "first"` only the
 * one that `compareTied` orders first among them (SQL `row_number()` ordered by the metric then the
 * tie-break). Groups with a `NaN` (null) metric never win. Works on groups, not rows, so its cost
 * is negligible next to the grouping.
 *
 * @param partitionOfGroup partition code of each group, in `[0, partitionCount)`.
 * @returns the winning group numbers, in no particular order.
 * @example
 * // Groups 0 and 1 tie in partition 0; group 2 is alone in partition 1.
 * const partitions = new Int32Array([0, 0, 1]);
 * const counts = new Float64Array([5, 5, 2]);
 * topPerPartition(partitions, 2, counts, "all", (a, b) => a - b); // [0, 1, 2]
 * topPerPartition(partitions, 2, counts, "first", (a, b) => b - a); // [1, 2]
 */
export function topPerPartition(
  partitionOfGroup: Int32Array,
  partitionCount: number,
  metric: Float64Array,
  ties: ResolvedQueryOptions["ties"],
  compareTied: (groupA: number, groupB: number) => number,
): number[] {
  const best = new Float64Array(partitionCount).fill(Number.NEGATIVE_INFINITY);
  for (let group = 0; group < metric.length; group++) {
    const partition = partitionOfGroup[group]!;
    if (metric[group]! > best[partition]!) best[partition] = metric[group]!;
  }
  const winners: number[] = [];
  const chosen = new Int32Array(partitionCount).fill(-1);
  for (let group = 0; group < metric.length; group++) {
    const partition = partitionOfGroup[group]!;
    if (metric[group] !== best[partition]) continue;
    if (ties === "all") winners.push(group);
    else if (chosen[partition] === -1 || compareTied(group, chosen[partition]!) < 0)
      chosen[partition] = group;
  }
  for (const group of chosen) if (group >= 0) winners.push(group);
  return winners;
}
