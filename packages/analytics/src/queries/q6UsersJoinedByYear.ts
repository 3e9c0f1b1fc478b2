import type { AnalyticsTables } from "../analyticsTables";
import { countPerGroup } from "./countPerGroup";
import { groupBy } from "./groupBy";
import { type GroupColumnValues, groupRow } from "./groupColumns";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";
import { sortedGroupLabels } from "./sortedGroupLabels";

const COLUMNS = { post_year: "joinYear" } as const;

/** A row of q6: `{ post_year, number_users_joined }`. */
export type Q6Row = GroupColumnValues<typeof COLUMNS> & { readonly number_users_joined: number };

/**
 * q6, the number of users who joined each year. Counted over the user table alone (no join, so
 * every user row counts once, duplicates included unless deduplicated upstream): `post_year` is
 * the UTC year of `date_joined`, 2015 … 2020 only (null dates and other years left out). Years
 * without users have no row. Rows ordered by year. No option changes the result (they are still
 * validated).
 *
 * @example
 * q6(tables); // [{ post_year: 2015, number_users_joined: 7 }, …]
 */
export function q6(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q6Row[] {
  resolveQueryOptions(options);
  const context = QueryContext.of(source);
  const keys = [context.key("user", COLUMNS.post_year)];
  const grouping = groupBy(context.rowCount("user"), keys);
  const counts = countPerGroup(grouping);
  return sortedGroupLabels(grouping, keys).map(({ group, labels }) =>
    groupRow(COLUMNS, labels, { number_users_joined: counts[group]! }),
  );
}
