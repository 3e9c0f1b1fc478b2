import type { QueryName } from "@pinpipe/analytics";

/** How the report presents one query result. */
export interface QueryReportSpec {
  /** Heading, in words. */
  readonly title: string;
  /** One sentence on what a row means. */
  readonly description: string;
  /** Columns joined with " · " to label a bar. */
  readonly labelColumns: readonly string[];
  /** The numeric column the bar length shows. */
  readonly valueColumn: string;
  /** `value`: the chart shows the largest values first (long results); `rows`: the result's order. */
  readonly order: "value" | "rows";
  /** Column whose equal values share a bar color (e.g. the category across countries). */
  readonly colorBy?: string;
}

/**
 * The presentation of each query result: q1–q8 and q3_top, keyed by query name.
 *
 * @example
 * QUERY_REPORT_SPECS.q6.valueColumn; // "number_users_joined"
 */
export const QUERY_REPORT_SPECS: Readonly<Record<QueryName, QueryReportSpec>> = {
  q1: {
    title: "Most popular category per country",
    description:
      "For each country, the category with the most pins posted there (every tied category with ties=all).",
    labelColumns: ["country", "category"],
    valueColumn: "category_count",
    order: "value",
    colorBy: "category",
  },
  q2: {
    title: "Most popular category per year",
    description: "For each year 2018–2022 in which pins were posted, the category with the most pins.",
    labelColumns: ["post_year", "category"],
    valueColumn: "category_count",
    order: "rows",
    colorBy: "category",
  },
  q3: {
    title: "User with the most followers per country",
    description: "For each country, the poster with the highest follower count among pins posted there.",
    labelColumns: ["country", "poster_name"],
    valueColumn: "follower_count",
    order: "value",
  },
  q3_top: {
    title: "Country with the most-followed user",
    description: "The country (or tied countries) whose top poster of q3 has the highest follower count.",
    labelColumns: ["country"],
    valueColumn: "follower_count",
    order: "value",
  },
  q4: {
    title: "Most popular category per age group",
    description: "For each age group of the posting users, the category with the most pins.",
    labelColumns: ["age_group", "category"],
    valueColumn: "category_count",
    order: "rows",
    colorBy: "category",
  },
  q5: {
    title: "Median follower count per age group",
    description:
      "The median follower count of the pins' posters, per age group (null when no count is known).",
    labelColumns: ["age_group"],
    valueColumn: "median_follower_count",
    order: "rows",
  },
  q6: {
    title: "Users joined per year",
    description: "How many user rows have a join date in each year 2015–2020.",
    labelColumns: ["post_year"],
    valueColumn: "number_users_joined",
    order: "rows",
  },
  q7: {
    title: "Median follower count by join year",
    description: "The median follower count of the pins' posters, per year the user joined (2015–2020).",
    labelColumns: ["post_year"],
    valueColumn: "median_follower_count",
    order: "rows",
  },
  q8: {
    title: "Median follower count per age group and join year",
    description: "q5's age groups crossed with q7's join years: one bar per group and year with pins.",
    labelColumns: ["age_group", "post_year"],
    valueColumn: "median_follower_count",
    order: "rows",
    colorBy: "age_group",
  },
};
