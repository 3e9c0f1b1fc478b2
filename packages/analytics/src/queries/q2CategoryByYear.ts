import type { AnalyticsTables } from "../analyticsTables";
import { mostPopularCategory, type PopularCategoryRow } from "./mostPopularCategory";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

/** A row of q2: `{ post_year, category, category_count }`. */
export type Q2Row = PopularCategoryRow<"post_year", "postYear">;

/**
 * q2, the most popular category per year. Over pin ⋈ geo (inner join on `ind`), `post_year` is
 * the UTC year of the geo `timestamp`; only years 2018 … 2022 count (null timestamps and other
 * years are left out). `category_count` is the number of joined rows per (year, category), a null
 * category being a category of its own. Each year keeps its highest count (ties as in
 * `options.ties`, `"first"` picking the smallest category, null last). Rows ordered by year, then
 * category.
 *
 * @example
 * q2(tables); // [{ post_year: 2018, category: "art", category_count: 2 }, …]
 */
export function q2(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q2Row[] {
  const { ties } = resolveQueryOptions(options);
  return mostPopularCategory(QueryContext.of(source), "pinGeo", "post_year", "postYear", ties);
}
