import type { AnalyticsTables } from "../analyticsTables";
import { mostPopularCategory, type PopularCategoryRow } from "./mostPopularCategory";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

/** A row of q4: `{ age_group, category, category_count }`. */
export type Q4Row = PopularCategoryRow<"age_group", "ageGroup">;

/**
 * q4, the most popular category per age group. Over pin ⋈ user (inner join on `ind`), each joined
 * row falls in the age group of the user's `age` (see `AGE_GROUP_BOUNDS`; ages under 18 and null
 * ages are left out). `category_count` is the number of joined rows per (age group, category), a
 * null category being a category of its own. Each age group keeps its highest count (ties as in
 * `options.ties`). Rows ordered by age group (`18-24`, `25-35`, `36-50`, `+50`), then category.
 *
 * @example
 * q4(tables); // [{ age_group: "18-24", category: "art", category_count: 4 }, …]
 */
export function q4(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q4Row[] {
  const { ties } = resolveQueryOptions(options);
  return mostPopularCategory(QueryContext.of(source), "pinUser", "age_group", "ageGroup", ties);
}
