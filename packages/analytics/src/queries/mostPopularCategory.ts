import { countPerGroup } from "./countPerGroup";
import { groupBy } from "./groupBy";
import { type GroupColumnValues, groupRow } from "./groupColumns";
import type { JoinName, KeyLabels, QueryContext } from "./queryContext";
import type { ResolvedQueryOptions } from "./queryOptions";
import { sortedGroupLabels } from "./sortedGroupLabels";
import { topPerPartition } from "./topPerPartition";

/** A row of q1, q2 or q4: the partition column, a winning category and its count. */
export type PopularCategoryRow<Column extends string, Partition extends keyof KeyLabels> = GroupColumnValues<
  Record<Column, Partition>
> & {
  readonly category: string | null;
  readonly category_count: number;
};

/**
 * The shared shape of q1, q2 and q4: count the joined rows per (partition, category), where a null
 * category is a category of its own, then keep each partition's highest count (every tie, or with
 * `ties: "first"` the smallest category in code point order, null last). Sorted by partition,
 * then category.
 *
 * @example
 * mostPopularCategory(QueryContext.of(tables), "pinGeo", "country", "country", "all");
 * // [{ country: "Chad", category: "art", category_count: 3 }, …]
 */
export function mostPopularCategory<Column extends string, Partition extends keyof KeyLabels>(
  context: QueryContext,
  join: JoinName,
  column: Column,
  partition: Partition,
  ties: ResolvedQueryOptions["ties"],
): PopularCategoryRow<Column, Partition>[] {
  const partitionKey = context.key(join, partition);
  const categoryKey = context.key(join, "category");
  const grouping = groupBy(context.rowCount(join), [partitionKey, categoryKey]);
  const counts = countPerGroup(grouping);
  const [partitionOfGroup, categoryOfGroup] = grouping.keyCodes as [Int32Array, Int32Array];
  const winners = topPerPartition(partitionOfGroup, partitionKey.size, counts, ties, (groupA, groupB) =>
    categoryKey.compare(categoryOfGroup[groupA]!, categoryOfGroup[groupB]!),
  );
  const columns = { [column]: partition, category: "category" } as Record<Column, Partition>;
  return sortedGroupLabels(grouping, [partitionKey, categoryKey], winners).map(
    ({ group, labels }) =>
      groupRow(columns, labels, { category_count: counts[group]! }) as PopularCategoryRow<Column, Partition>,
  );
}
