import type { AnalyticsTables } from "../analyticsTables";
import { mostPopularCategory, type PopularCategoryRow } from "./mostPopularCategory";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

/** A row of q1: `{ country, category, category_count }`. */
export type Q1Row = PopularCategoryRow<"country", "country">;

/**
 * q1, the most popular category per country. Over pin ⋈ geo (inner join on `ind`, so a repeated
 * `ind` multiplies), `category_count` is the number of joined rows per (country, category); null
 * countries and null categories are groups of their own, as Spark's `groupBy` keeps them. Each
 * country keeps its highest count: every tied category with `ties: "all"`, the smallest category
 * (code point order, null last) with `"first"`. Rows ordered by country, then category, nulls last.
 *
 * @example
 * q1(tables); // [{ country: "Chad", category: "art", category_count: 3 }, …]
 * q1(tables, { ties: "first" }); // at most one row per country
 */
export function q1(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q1Row[] {
  const { ties } = resolveQueryOptions(options);
  return mostPopularCategory(QueryContext.of(source), "pinGeo", "country", "country", ties);
}
