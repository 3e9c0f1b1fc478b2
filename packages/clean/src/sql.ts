/**
 * `@pinpipe/clean/sql`: the cleaning rules of `@pinpipe/clean` as SQL for Spark SQL 4 and DuckDB,
 * generated from the same constants and options as the TypeScript cleaners.
 *
 * @module @pinpipe/clean/sql
 */

export type { CleanSqlOptions, SqlStatement } from "./sql/cleanTablesSql";
export { CLEAN_SQL_VIEWS, cleanTablesSql, DEFAULT_MAX_LINE_BYTES } from "./sql/cleanTablesSql";
export type { SqlDialect } from "./sql/sqlDialect";
export { SQL_DIALECTS } from "./sql/sqlDialect";
