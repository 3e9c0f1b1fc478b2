import type { AnalyticsTables } from "../analyticsTables";
import type { RawTableName } from "../columnar/rawTableName";
import {
  medianFollowersSql,
  mostFollowersSql,
  popularCategorySql,
  type QuerySqlBuilder,
  type QuerySqlOptions,
  renderQuerySql,
  usersPerGroupSql,
} from "../sql/querySqlBuilders";
import { SQL_GROUP_COLUMNS as C } from "../sql/sqlGroupColumns";
import { q1 } from "./q1CategoryByCountry";
import { q2 } from "./q2CategoryByYear";
import { q3, q3Top, topCountries } from "./q3TopUserByCountry";
import { q4 } from "./q4CategoryByAgeGroup";
import { q5 } from "./q5MedianFollowersByAgeGroup";
import { q6 } from "./q6UsersJoinedByYear";
import { q7 } from "./q7MedianFollowersByJoinYear";
import { q8 } from "./q8MedianFollowersByAgeGroupAndJoinYear";
import { type ContextValue, JOIN_YEARS, POST_YEARS, type QueryContext } from "./queryContext";
import type { QueryName } from "./queryNames";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";
import type { QueryResults } from "./queryResults";

/**
 * A column of one query's result rows.
 *
 * @example
 * const column: QueryColumn<"q6"> = "number_users_joined";
 */
export type QueryColumn<Q extends QueryName> = Extract<keyof QueryResults[Q][number], string>;

/**
 * Everything known about one query result, in one place: what it is called and means, its result
 * columns, the tables and shared values it reads, its TypeScript implementation and its SQL text.
 *
 * @example
 * const q6: QueryDefinition<"q6"> = QUERY_REGISTRY.q6;
 * q6.columns; // ["post_year", "number_users_joined"]
 * q6.tablesRead; // ["user"]
 */
export interface QueryDefinition<Q extends QueryName> {
  /** The result's name, its key in `QueryResults` and `QUERY_REGISTRY`. */
  readonly name: Q;
  /** Heading, in words (sentence case, no final period). */
  readonly title: string;
  /** One sentence on what a row means. */
  readonly description: string;
  /** The columns of every result row, in order (the key order of the rows `run` returns). */
  readonly columns: readonly QueryColumn<Q>[];
  /**
   * The clean tables the result depends on, in pin, geo, user order: a join reads both its
   * tables even when only one's columns are grouped, since the join decides which rows count.
   * Derived from {@link QueryDefinition.reads}.
   */
  readonly tablesRead: readonly RawTableName[];
  /**
   * The values of a {@link QueryContext} `run` may read (joins' keys and follower counts), so
   * `runQueries` can drop every value no query left to run reads.
   */
  readonly reads: readonly ContextValue[];
  /**
   * The TypeScript implementation over columnar tables or a shared context. `earlier` holds
   * results already computed over the same tables with the same options, which a query may reuse
   * instead of recomputing (q3_top ranks q3's rows).
   *
   * @throws {TypeError} on invalid options; {@link RangeError} on inconsistent tables.
   */
  run(
    source: AnalyticsTables | QueryContext,
    options?: QueryOptions,
    earlier?: Partial<QueryResults>,
  ): QueryResults[Q];
  /**
   * The SQL text of the query (see `querySql` for the dialect).
   *
   * @throws {TypeError} for invalid options or an invalid table name.
   */
  sql(sqlOptions?: QuerySqlOptions): string;
}

/** Which clean tables the values of each row set come from. */
const ROW_SET_TABLES: Readonly<Record<string, readonly RawTableName[]>> = {
  pinGeo: ["pin", "geo"],
  pinUser: ["pin", "user"],
  user: ["user"],
};
const TABLE_ORDER: readonly RawTableName[] = ["pin", "geo", "user"];

function define<Q extends QueryName>(
  definition: Omit<QueryDefinition<Q>, "tablesRead" | "sql"> & { readonly sqlBuilder: QuerySqlBuilder },
): QueryDefinition<Q> {
  const { sqlBuilder, ...rest } = definition;
  const read = new Set(definition.reads.flatMap((value) => ROW_SET_TABLES[value.split(".")[0]!] ?? []));
  return Object.freeze({
    ...rest,
    columns: Object.freeze([...definition.columns]),
    reads: Object.freeze([...definition.reads]),
    tablesRead: Object.freeze(TABLE_ORDER.filter((table) => read.has(table))),
    sql: (sqlOptions?: QuerySqlOptions) => renderQuerySql(sqlBuilder, sqlOptions),
  });
}

const postYears = `${POST_YEARS.first}–${POST_YEARS.last}`;
const joinYears = `${JOIN_YEARS.first}–${JOIN_YEARS.last}`;
const Q3_READS = ["pinGeo.country", "pinGeo.posterName", "pinGeo.followers"] as const;

/**
 * The nine query results, keyed by name in {@link QUERY_NAMES} order: the one place that says
 * what each is called and means, its columns, what it reads, how TypeScript computes it and its
 * SQL text. `runQueries`, `querySql`, the batch result files, the report and `analyze`'s tables
 * all read it.
 *
 * @example
 * QUERY_REGISTRY.q5.title; // "Median follower count per age group"
 * QUERY_REGISTRY.q5.columns; // ["age_group", "median_follower_count"]
 * QUERY_REGISTRY.q5.run(tables, { median: "exact" }); // [{ age_group: "18-24", median_follower_count: 103000 }, …]
 * QUERY_REGISTRY.q5.sql({ options: { median: "exact" } }).includes("percentile_cont"); // true
 */
export const QUERY_REGISTRY: { readonly [Q in QueryName]: QueryDefinition<Q> } = Object.freeze({
  q1: define({
    name: "q1",
    title: "Most popular category per country",
    description:
      "For each country, the category with the most pins posted there (every tied category with ties=all).",
    columns: ["country", "category", "category_count"],
    reads: ["pinGeo.country", "pinGeo.category"],
    run: (source, options) => q1(source, options),
    sqlBuilder: popularCategorySql("pinGeo", C.country),
  }),
  q2: define({
    name: "q2",
    title: `Most popular category per year (${postYears})`,
    description: `For each year ${postYears} in which pins were posted, the category with the most pins.`,
    columns: ["post_year", "category", "category_count"],
    reads: ["pinGeo.postYear", "pinGeo.category"],
    run: (source, options) => q2(source, options),
    sqlBuilder: popularCategorySql("pinGeo", C.postYear),
  }),
  q3: define({
    name: "q3",
    title: "User with the most followers per country",
    description: "For each country, the poster with the highest follower count among pins posted there.",
    columns: ["country", "poster_name", "follower_count"],
    reads: Q3_READS,
    run: (source, options) => q3(source, options),
    sqlBuilder: mostFollowersSql([C.country], C.posterName),
  }),
  q3_top: define({
    name: "q3_top",
    title: "Country with the most-followed user",
    description: "The country (or tied countries) whose top poster of q3 has the highest follower count.",
    columns: ["country", "follower_count"],
    // What q3 reads: only when q3's rows are not given does it group pin ⋈ geo itself.
    reads: Q3_READS,
    run: (source, options, earlier) =>
      earlier?.q3 === undefined
        ? q3Top(source, options)
        : topCountries(earlier.q3, resolveQueryOptions(options).ties),
    sqlBuilder: mostFollowersSql([], C.country),
  }),
  q4: define({
    name: "q4",
    title: "Most popular category per age group",
    description: "For each age group of the posting users, the category with the most pins.",
    columns: ["age_group", "category", "category_count"],
    reads: ["pinUser.ageGroup", "pinUser.category"],
    run: (source, options) => q4(source, options),
    sqlBuilder: popularCategorySql("pinUser", C.ageGroup),
  }),
  q5: define({
    name: "q5",
    title: "Median follower count per age group",
    description:
      "The median follower count of the pins' posters, per age group (null when no count is known).",
    columns: ["age_group", "median_follower_count"],
    reads: ["pinUser.ageGroup", "pinUser.followers"],
    run: (source, options) => q5(source, options),
    sqlBuilder: medianFollowersSql([C.ageGroup]),
  }),
  q6: define({
    name: "q6",
    title: `Users joined per year (${joinYears})`,
    description: `How many user rows have a join date in each year ${joinYears}.`,
    columns: ["post_year", "number_users_joined"],
    reads: ["user.joinYear"],
    run: (source, options) => q6(source, options),
    sqlBuilder: usersPerGroupSql(C.joinYear),
  }),
  q7: define({
    name: "q7",
    title: `Median follower count per join year (${joinYears})`,
    description: `The median follower count of the pins' posters, per year the user joined (${joinYears}).`,
    columns: ["post_year", "median_follower_count"],
    reads: ["pinUser.joinYear", "pinUser.followers"],
    run: (source, options) => q7(source, options),
    sqlBuilder: medianFollowersSql([C.joinYear]),
  }),
  q8: define({
    name: "q8",
    title: "Median follower count per age group and join year",
    description: "q5's age groups crossed with q7's join years: one row per group and year with pins.",
    columns: ["age_group", "post_year", "median_follower_count"],
    reads: ["pinUser.ageGroup", "pinUser.joinYear", "pinUser.followers"],
    run: (source, options) => q8(source, options),
    sqlBuilder: medianFollowersSql([C.ageGroup, C.joinYear]),
  }),
});
