import type { QueryColumn, QueryName } from "@pinpipe/analytics";

/**
 * How the report charts one query result; its title and description are the query's own, in
 * `QUERY_REGISTRY`.
 *
 * @example
 * const spec: QueryReportSpec = { labelColumns: ["post_year"], valueColumn: "number_users_joined", order: "rows" };
 */
export interface QueryReportSpec<Column extends string = string> {
  /** Columns joined with " · " to label a bar. */
  readonly labelColumns: readonly Column[];
  /** The numeric column the bar length shows. */
  readonly valueColumn: Column;
  /** `value`: the chart shows the largest values first (long results); `rows`: the result's order. */
  readonly order: "value" | "rows";
  /** Column whose equal values share a bar color (e.g. the category across countries). */
  readonly colorBy?: Column;
}

/**
 * The chart of each query result: q1–q8 and q3_top, keyed by query name, naming only columns of
 * that query's rows (checked against `QUERY_REGISTRY`'s row types).
 *
 * @example
 * QUERY_REPORT_SPECS.q6.valueColumn; // "number_users_joined"
 */
export const QUERY_REPORT_SPECS: Readonly<Record<QueryName, QueryReportSpec>> = {
  q1: {
    labelColumns: ["country", "category"],
    valueColumn: "category_count",
    order: "value",
    colorBy: "category",
  },
  q2: {
    labelColumns: ["post_year", "category"],
    valueColumn: "category_count",
    order: "rows",
    colorBy: "category",
  },
  q3: {
    labelColumns: ["country", "poster_name"],
    valueColumn: "follower_count",
    order: "value",
  },
  q3_top: {
    labelColumns: ["country"],
    valueColumn: "follower_count",
    order: "value",
  },
  q4: {
    labelColumns: ["age_group", "category"],
    valueColumn: "category_count",
    order: "rows",
    colorBy: "category",
  },
  q5: {
    labelColumns: ["age_group"],
    valueColumn: "median_follower_count",
    order: "rows",
  },
  q6: {
    labelColumns: ["post_year"],
    valueColumn: "number_users_joined",
    order: "rows",
  },
  q7: {
    labelColumns: ["post_year"],
    valueColumn: "median_follower_count",
    order: "rows",
  },
  q8: {
    labelColumns: ["age_group", "post_year"],
    valueColumn: "median_follower_count",
    order: "rows",
    colorBy: "age_group",
  },
} satisfies { readonly [Q in QueryName]: QueryReportSpec<QueryColumn<Q>> };
