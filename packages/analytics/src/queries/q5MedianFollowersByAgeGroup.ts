import type { AnalyticsTables } from "../analyticsTables";
import { type MedianRow, medianFollowerCount } from "./medianFollowerCount";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

const COLUMNS = { age_group: "ageGroup" } as const;

/** A row of q5: `{ age_group, median_follower_count }`. */
export type Q5Row = MedianRow<typeof COLUMNS>;

/**
 * q5, the median follower count per age group. Over pin ⋈ user (inner join on `ind`), each joined
 * row falls in the age group of the user's `age` (ages under 18 and null ages left out); the median
 * of the pins' `follower_count` per group ignores null counts (`null` when all are null) and is the
 * lower middle value or the mean of the two, per `options.median`. Rows ordered by age group.
 *
 * @example
 * q5(tables); // [{ age_group: "18-24", median_follower_count: 5000 }, …]
 * q5(tables, { median: "exact" }); // even-sized groups may get a .5
 */
export function q5(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q5Row[] {
  const { median } = resolveQueryOptions(options);
  return medianFollowerCount(QueryContext.of(source), "pinUser", COLUMNS, median);
}
