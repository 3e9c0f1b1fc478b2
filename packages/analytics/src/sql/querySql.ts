import { QUERY_NAMES, type QueryName } from "../queries/queryNames";
import { QUERY_REGISTRY } from "../queries/queryRegistry";
import type { QuerySqlOptions } from "./querySqlBuilders";

export type { QueryName } from "../queries/queryNames";
export { QUERY_NAMES } from "../queries/queryNames";
export type { QuerySqlOptions } from "./querySqlBuilders";

/**
 * The SQL text of one query, in a dialect both DuckDB and Spark SQL (3.4.2+ / 3.5+, where
 * `percentile_disc` is fixed; session time zone UTC) run: `WITH` CTEs, `INNER JOIN … ON ind`,
 * `rank()` / `row_number()` windows, `percentile_disc` / `percentile_cont(0.5) WITHIN GROUP`,
 * `year()`, `CASE`, `NULLS LAST`. It returns the same rows, columns and order as the TypeScript
 * query of the same name (counts come back as `BIGINT`, medians as `DOUBLE`). The text is
 * `QUERY_REGISTRY[name].sql(sqlOptions)`; this checks the name first.
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
  if (!Object.hasOwn(QUERY_REGISTRY, name)) {
    throw new TypeError(`unknown query ${JSON.stringify(name)} (expected one of ${QUERY_NAMES.join(", ")})`);
  }
  return QUERY_REGISTRY[name].sql(sqlOptions);
}

/**
 * The SQL text of all nine queries, keyed by query name in {@link QUERY_NAMES} order (each
 * `QUERY_REGISTRY[name].sql`).
 *
 * @throws {TypeError} for invalid options or an invalid table name.
 * @example
 * const sql = allQuerySql({ tables: { user: "users" }, options: { ties: "first" } });
 * sql.q4.includes("row_number()"); // true
 */
export function allQuerySql(sqlOptions: QuerySqlOptions = {}): Record<QueryName, string> {
  return Object.fromEntries(
    QUERY_NAMES.map((name) => [name, QUERY_REGISTRY[name].sql(sqlOptions)]),
  ) as Record<QueryName, string>;
}
