import type { AnalyticsTables } from "../analyticsTables";
import { type MedianRow, medianFollowerCount } from "./medianFollowerCount";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

const COLUMNS = { age_group: "ageGroup", post_year: "joinYear" } as const;

/** A row of q8: `{ age_group, post_year, median_follower_count }`. */
export type Q8Row = MedianRow<typeof COLUMNS>;

/**
 * q8, the median follower count per age group and join year: q5's age groups crossed with q7's
 * join years 2015 … 2020 over pin ⋈ user, with the same null and median rules. One row per
 * (age group, year) with at least one joined row, ordered by age group, then year.
 *
 * @example
 * q8(tables); // [{ age_group: "18-24", post_year: 2015, median_follower_count: 80 }, …]
 */
export function q8(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q8Row[] {
  const { median } = resolveQueryOptions(options);
  return medianFollowerCount(QueryContext.of(source), "pinUser", COLUMNS, median);
}
