import { groupBy } from "./groupBy";
import { type GroupColumns, type GroupColumnValues, groupRow } from "./groupColumns";
import { medianPerGroup } from "./medianPerGroup";
import type { JoinName, QueryContext } from "./queryContext";
import type { ResolvedQueryOptions } from "./queryOptions";
import { sortedGroupLabels } from "./sortedGroupLabels";

/** A row of q5, q7 or q8: the group columns and the median. */
export type MedianRow<Columns extends GroupColumns> = GroupColumnValues<Columns> & {
  readonly median_follower_count: number | null;
};

/**
 * The shared shape of q5, q7 and q8: the median pin `follower_count` of the joined rows per
 * combination of the `columns`' keys (rows a key drops, such as ages under 18 or years out of
 * range, are left out). Null follower counts are ignored; a group whose counts are all null has a
 * `null` median. One row per group with at least one joined row, sorted by the columns in order.
 *
 * @example
 * medianFollowerCount(QueryContext.of(tables), "pinUser", { post_year: "joinYear" }, "lower");
 * // [{ post_year: 2015, median_follower_count: 120 }, …]
 */
export function medianFollowerCount<const Columns extends GroupColumns>(
  context: QueryContext,
  join: JoinName,
  columns: Columns,
  median: ResolvedQueryOptions["median"],
): MedianRow<Columns>[] {
  const keys = Object.values(columns).map((name) => context.key(join, name));
  const grouping = groupBy(context.rowCount(join), keys);
  const medians = medianPerGroup(grouping, context.followerCount(join), median);
  return sortedGroupLabels(grouping, keys).map(({ group, labels }) => {
    const value = medians[group]!;
    return groupRow(columns, labels, { median_follower_count: Number.isNaN(value) ? null : value });
  });
}
