import { type QueryOptions, type ResolvedQueryOptions, resolveQueryOptions } from "../queries/queryOptions";
import { groupAggregateSql } from "./groupAggregateSql";
import { SQL_GROUP_COLUMNS, type SqlGroupColumn } from "./sqlGroupColumns";
import { type SqlRowSet, sqlSource } from "./sqlSources";
import { resolveSqlTableNames, type SqlTableNames } from "./sqlTableNames";
import { topPerPartitionSql } from "./topPerPartitionSql";

/**
 * Options of the SQL text of a query (`querySql`, `QUERY_REGISTRY[name].sql`).
 *
 * @example
 * const sqlOptions: QuerySqlOptions = { tables: { user: "users" }, options: { median: "exact" } };
 */
export interface QuerySqlOptions {
  /** Table names to read (default {@link DEFAULT_SQL_TABLE_NAMES}). */
  readonly tables?: Partial<SqlTableNames>;
  /** The same options as the TypeScript queries; `dedupe` reads each table through `SELECT DISTINCT *`. */
  readonly options?: QueryOptions;
}

/**
 * Builds one query's SQL text from the sources of its row sets and validated options.
 *
 * @example
 * const builder: QuerySqlBuilder = (from) => `SELECT count(*) ${from("user").from}`;
 */
export type QuerySqlBuilder = (
  from: (rowSet: SqlRowSet) => ReturnType<typeof sqlSource>,
  options: ResolvedQueryOptions,
) => string;

const COUNT = { name: "category_count", aggregate: "count(*)" } as const;
const MAX_FOLLOWERS = { name: "follower_count", aggregate: "max(follower_count)" } as const;
const FOLLOWERS = { values: { follower_count: "p.follower_count" } };

/**
 * q1, q2, q4: the category with most joined rows per partition.
 *
 * @example
 * popularCategorySql("pinGeo", SQL_GROUP_COLUMNS.country); // q1's builder
 */
export const popularCategorySql =
  (rowSet: SqlRowSet, partition: SqlGroupColumn): QuerySqlBuilder =>
  (from, { ties }) =>
    topPerPartitionSql({
      source: from(rowSet),
      partition: [partition],
      candidate: SQL_GROUP_COLUMNS.category,
      metric: COUNT,
      ties,
    });

/**
 * q3, q3_top: the candidate with the highest known follower count per partition of pin ⋈ geo.
 *
 * @example
 * mostFollowersSql([], SQL_GROUP_COLUMNS.country); // q3_top's builder
 */
export const mostFollowersSql =
  (partition: SqlGroupColumn[], candidate: SqlGroupColumn): QuerySqlBuilder =>
  (from, { ties }) =>
    topPerPartitionSql({
      source: from("pinGeo"),
      partition,
      candidate,
      metric: MAX_FOLLOWERS,
      joined: { ...FOLLOWERS, where: ["p.follower_count IS NOT NULL"] },
      ties,
    });

/**
 * q5, q7, q8: the median follower count of pin ⋈ user per group (`percentile_disc` for the lower
 * median, `percentile_cont` for the exact one).
 *
 * @example
 * medianFollowersSql([SQL_GROUP_COLUMNS.ageGroup]); // q5's builder
 */
export const medianFollowersSql =
  (columns: SqlGroupColumn[]): QuerySqlBuilder =>
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

/**
 * q6: the number of user rows per group, over the user table alone.
 *
 * @example
 * usersPerGroupSql(SQL_GROUP_COLUMNS.joinYear); // q6's builder
 */
export const usersPerGroupSql =
  (column: SqlGroupColumn): QuerySqlBuilder =>
  (from) =>
    groupAggregateSql(from("user"), [column], { name: "number_users_joined", aggregate: "count(*)" });

/**
 * The SQL text a builder makes under caller-supplied options (validated here).
 *
 * @throws {TypeError} for invalid options or an invalid table name.
 * @example
 * renderQuerySql(usersPerGroupSql(SQL_GROUP_COLUMNS.joinYear), { tables: { user: "users" } }).includes("FROM users u"); // true
 */
export function renderQuerySql(builder: QuerySqlBuilder, sqlOptions: QuerySqlOptions = {}): string {
  const tables = resolveSqlTableNames(sqlOptions.tables);
  const options = resolveQueryOptions(sqlOptions.options);
  return builder((rowSet) => sqlSource(rowSet, tables, options.dedupe), options);
}
