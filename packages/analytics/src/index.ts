/**
 * Public API of @pinpipe/analytics: the eight queries (TypeScript and SQL, one registry) and the
 * analytics tables they read. Event-time windows are `@pinpipe/analytics/windows`; the fast columnar
 * reading core that jobs build on is `@pinpipe/analytics/columnar`.
 *
 * @module @pinpipe/analytics
 */
export type { AnalyticsTables, GeoColumns, PinColumns, UserColumns } from "./analyticsTables";
export type { RawTableInput } from "./columnar/buildColumnarTables";
export { buildColumnarTables } from "./columnar/buildColumnarTables";
export type { RawTableName } from "./columnar/rawTableName";
export { RAW_TABLE_NAMES } from "./columnar/rawTableName";
export type { AgeGroup } from "./queries/ageGroup";
export { AGE_GROUP_BOUNDS } from "./queries/ageGroup";
export { analyze } from "./queries/analyze";
export { dropDuplicateRecords } from "./queries/dropDuplicateRecords";
export type { Q1Row } from "./queries/q1CategoryByCountry";
export type { Q2Row } from "./queries/q2CategoryByYear";
export type { Q3Row, Q3TopRow } from "./queries/q3TopUserByCountry";
export type { Q4Row } from "./queries/q4CategoryByAgeGroup";
export type { Q5Row } from "./queries/q5MedianFollowersByAgeGroup";
export type { Q6Row } from "./queries/q6UsersJoinedByYear";
export type { Q7Row } from "./queries/q7MedianFollowersByJoinYear";
export type { Q8Row } from "./queries/q8MedianFollowersByAgeGroupAndJoinYear";
export { JOIN_YEARS, POST_YEARS } from "./queries/queryContext";
export type { QueryName } from "./queries/queryNames";
export { QUERY_NAMES } from "./queries/queryNames";
export type { QueryOptions, ResolvedQueryOptions } from "./queries/queryOptions";
export { DEFAULT_QUERY_OPTIONS, resolveQueryOptions } from "./queries/queryOptions";
export type { QueryColumn, QueryDefinition } from "./queries/queryRegistry";
export { QUERY_REGISTRY } from "./queries/queryRegistry";
export type { QueryResults } from "./queries/queryResults";
export { runQueries } from "./queries/runQueries";
export type { QuerySqlOptions } from "./sql/querySql";
export { allQuerySql, querySql } from "./sql/querySql";
export type { SqlTableNames } from "./sql/sqlTableNames";
export { DEFAULT_SQL_TABLE_NAMES, resolveSqlTableNames } from "./sql/sqlTableNames";
export type { CleanTables } from "./toAnalyticsTables";
export { toAnalyticsTables } from "./toAnalyticsTables";
