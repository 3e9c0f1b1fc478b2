import type { AnalyticsTables } from "../analyticsTables";
import { type MedianRow, medianFollowerCount } from "./medianFollowerCount";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

const COLUMNS = { post_year: "joinYear" } as const;

/** A row of q7: `{ post_year, median_follower_count }`. */
export type Q7Row = MedianRow<typeof COLUMNS>;

/**
 * q7, the median follower count by the year users joined. Over pin ⋈ user (inner join on `ind`),
 * `post_year` is the UTC year of the user's `date_joined`, 2015 … 2020 only (null dates and other
 * years left out); the median of the pins' `follower_count` per year ignores null counts (`null`
 * when all are null), per `options.median`. Rows ordered by year.
 *
 * @example
 * q7(tables); // [{ post_year: 2015, median_follower_count: 120 }, …]
 */
export function q7(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q7Row[] {
  const { median } = resolveQueryOptions(options);
  return medianFollowerCount(QueryContext.of(source), "pinUser", COLUMNS, median);
}
