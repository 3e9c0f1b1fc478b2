import { type QueryOptions, type ResolvedQueryOptions, resolveQueryOptions } from "../queries/queryOptions";
import { groupAggregateSql } from "./groupAggregateSql";
import { SQL_GROUP_COLUMNS as C, type SqlGroupColumn } from "./sqlGroupColumns";
import { type SqlRowSet, sqlSource } from "./sqlSources";
import { resolveSqlTableNames, type SqlTableNames } from "./sqlTableNames";
import { topPerPartitionSql } from "./topPerPartitionSql";

/**
 * The nine results of the batch queries, in order.
 *
 * @example
 * QUERY_NAMES.length; // 9
 */
export const QUERY_NAMES = ["q1", "q2", "q3", "q3_top", "q4", "q5", "q6", "q7", "q8"] as const;

/** The name of one query result, a key of `QueryResults`. */
export type QueryName = (typeof QUERY_NAMES)[number];

/** Options of {@link querySql}. */
export interface QuerySqlOptions {
  /** Table names to read (default {@link DEFAULT_SQL_TABLE_NAMES}). */
  readonly tables?: Partial<SqlTableNames>;
  /** The same options as the TypeScript queries; `dedupe` reads each table through `SELECT DISTINCT *`. */
  readonly options?: QueryOptions;
}

type Builder = (
  from: (rowSet: SqlRowSet) => ReturnType<typeof sqlSource>,
  options: ResolvedQueryOptions,
) => string;

const COUNT = { name: "category_count", aggregate: "count(*)" } as const;
const MAX_FOLLOWERS = { name: "follower_count", aggregate: "max(follower_count)" } as const;
const FOLLOWERS = { values: { follower_count: "p.follower_count" } };

/** q1, q2, q4: the category with most joined rows per partition. */
const popularCategory =
  (rowSet: SqlRowSet, partition: SqlGroupColumn): Builder =>
  (from, { ties }) =>
    topPerPartitionSql({
      source: from(rowSet),
      partition: [partition],
      candidate: C.category,
      metric: COUNT,
      ties,
    });

/** q3, q3_top: the candidate with the highest known follower count per partition. */
const mostFollowers =
  (partition: SqlGroupColumn[], candidate: SqlGroupColumn): Builder =>
  (from, { ties }) =>
    topPerPartitionSql({
      source: from("pinGeo"),
      partition,
      candidate,
      metric: MAX_FOLLOWERS,
      joined: { ...FOLLOWERS, where: ["p.follower_count IS NOT NULL"] },
      ties,
    });

/** q5, q7, q8: the median follower count of pin ⋈ user per group. */
const medianFollowers =
  (columns: SqlGroupColumn[]): Builder =>
  (from, { median }) =>
    groupAggregateSql(
      from("pinUser"),
      columns,
      {
        name: "median_follower_count",
        aggregate: `CAST(${median === "lower" ? "percentile_disc" : "percentile_cont"}(0.5) WITHIN GROUP (ORDER BY follower_count) AS DOUBLE)`,
      },
      FOLLOWERS,
    );

const BUILDERS: Readonly<Record<QueryName, Builder>> = {
  q1: popularCategory("pinGeo", C.country),
  q2: popularCategory("pinGeo", C.postYear),
  q3: mostFollowers([C.country], C.posterName),
  q3_top: mostFollowers([], C.country),
  q4: popularCategory("pinUser", C.ageGroup),
  q5: medianFollowers([C.ageGroup]),
  q6: (from) =>
    groupAggregateSql(from("user"), [C.joinYear], { name: "number_users_joined", aggregate: "count(*)" }),
  q7: medianFollowers([C.joinYear]),
  q8: medianFollowers([C.ageGroup, C.joinYear]),
};

/**
 * The SQL text of one query, in a dialect both DuckDB and Spark SQL (3.4.2+ / 3.5+, where
 * `percentile_disc` is fixed; session time zone UTC) run: `WITH` CTEs, `INNER JOIN … ON ind`,
 * `rank()` / `row_number()` windows, `percentile_disc` / `percentile_cont(0.5) WITHIN GROUP`,
 * `year()`, `CASE`, `NULLS LAST`. It returns the same rows, columns and order as the TypeScript
 * query of the same name (counts come back as `BIGINT`, medians as `DOUBLE`).
 *
 * @throws {TypeError} for an unknown query name, invalid options or an invalid table name.
 * @example
 * querySql("q6");
 * // WITH
 * //   joined AS (
 * //     SELECT year(u.date_joined) AS post_year
 * //     FROM user_data u
 * //     WHERE year(u.date_joined) BETWEEN 2015 AND 2020
 * //   )
 * // SELECT post_year, count(*) AS number_users_joined
 * // FROM joined
 * // GROUP BY post_year
 * // ORDER BY post_year ASC
 */
export function querySql(name: QueryName, sqlOptions: QuerySqlOptions = {}): string {
  if (!Object.hasOwn(BUILDERS, name)) {
    throw new TypeError(`unknown query ${JSON.stringify(name)} (expected one of ${QUERY_NAMES.join(", ")})`);
  }
  return buildersFor(sqlOptions)(name);
}

/**
 * The SQL text of all nine queries, keyed by query name.
 *
 * @throws {TypeError} for invalid options or an invalid table name.
 * @example
 * const sql = allQuerySql({ tables: { user: "users" }, options: { ties: "first" } });
 * sql.q4.includes("row_number()"); // true
 */
export function allQuerySql(sqlOptions: QuerySqlOptions = {}): Record<QueryName, string> {
  const build = buildersFor(sqlOptions);
  return Object.fromEntries(QUERY_NAMES.map((name) => [name, build(name)])) as Record<QueryName, string>;
}

/** Validates the options once and returns a builder of any query's text under them. */
function buildersFor(sqlOptions: QuerySqlOptions): (name: QueryName) => string {
  const tables = resolveSqlTableNames(sqlOptions.tables);
  const options = resolveQueryOptions(sqlOptions.options);
  const from = (rowSet: SqlRowSet) => sqlSource(rowSet, tables, options.dedupe);
  return (name) => BUILDERS[name](from, options);
}
