/** Public API of @pinpipe/analytics. */
export type { AnalyticsTables, GeoColumns, PinColumns, UserColumns } from "./analyticsTables";
export type { RawTableInput } from "./columnar/buildColumnarTables";
export { buildColumnarTables } from "./columnar/buildColumnarTables";
export type {
  CleanColumnValues,
  CleanRowBatch,
  NumberColumnValues,
  PairColumnValues,
  Utf8ColumnValues,
} from "./columnar/cleanRows";
export { CLEAN_ROW_COLUMNS } from "./columnar/cleanRows";
export type { ColumnarBuilderOptions } from "./columnar/columnarBuilder";
export { ColumnarBuilder } from "./columnar/columnarBuilder";
export type { KeptRows } from "./columnar/columnarMerger";
export { ColumnarMerger } from "./columnar/columnarMerger";
export type {
  ColumnarPartial,
  PartialGeoColumns,
  PartialPinColumns,
  PartialUserColumns,
  RejectedLine,
} from "./columnar/columnarPartial";
export { partialTransferList } from "./columnar/columnarPartial";
export type { LineAssemblerOptions, LinesSink } from "./columnar/lineAssembler";
export { DEFAULT_MAX_LINE_BYTES, LineAssembler } from "./columnar/lineAssembler";
export type { RawTableName } from "./columnar/rawTableName";
export { RAW_TABLE_NAMES } from "./columnar/rawTableName";
export type { RejectionIssue } from "./columnar/referenceLineReader";
export type { AgeGroup } from "./queries/ageGroup";
export { AGE_GROUP_BOUNDS } from "./queries/ageGroup";
export { analyze } from "./queries/analyze";
export { compareSqlText } from "./queries/compareSqlText";
export { dropDuplicateRecords } from "./queries/dropDuplicateRecords";
export type { Q1Row } from "./queries/q1CategoryByCountry";
export { q1 } from "./queries/q1CategoryByCountry";
export type { Q2Row } from "./queries/q2CategoryByYear";
export { q2 } from "./queries/q2CategoryByYear";
export type { Q3Row, Q3TopRow } from "./queries/q3TopUserByCountry";
export { q3, q3Top } from "./queries/q3TopUserByCountry";
export type { Q4Row } from "./queries/q4CategoryByAgeGroup";
export { q4 } from "./queries/q4CategoryByAgeGroup";
export type { Q5Row } from "./queries/q5MedianFollowersByAgeGroup";
export { q5 } from "./queries/q5MedianFollowersByAgeGroup";
export type { Q6Row } from "./queries/q6UsersJoinedByYear";
export { q6 } from "./queries/q6UsersJoinedByYear";
export type { Q7Row } from "./queries/q7MedianFollowersByJoinYear";
export { q7 } from "./queries/q7MedianFollowersByJoinYear";
export type { Q8Row } from "./queries/q8MedianFollowersByAgeGroupAndJoinYear";
export { q8 } from "./queries/q8MedianFollowersByAgeGroupAndJoinYear";
export { JOIN_YEARS, POST_YEARS, QueryContext } from "./queries/queryContext";
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
export type { Accumulator } from "./windows/accumulators/accumulator";
export { accumulators } from "./windows/accumulators/accumulators";
export type { TopKEntry, TopKValue } from "./windows/accumulators/topK";
export type { AggregateOver, AggregateSpecs, AggregateValues } from "./windows/aggregateSpecs";
export { assignWindows } from "./windows/assignWindows";
export { createWindowOperator } from "./windows/createWindowOperator";
export type { HoppingWindow } from "./windows/hopping";
export { alignedWindowsContaining, hopping, MAX_WINDOWS_PER_RECORD } from "./windows/hopping";
export type { JsonValue } from "./windows/jsonValue";
export { restoreWindowOperator } from "./windows/restoreWindowOperator";
export type { SerializedWindow, SerializedWindowState } from "./windows/serializeWindowState";
export { WINDOW_STATE_FORMAT, WINDOW_STATE_VERSION } from "./windows/serializeWindowState";
export type { SessionWindow } from "./windows/session";
export { session } from "./windows/session";
export type { WindowOperator } from "./windows/startWindowOperator";
export type { TumblingWindow } from "./windows/tumbling";
export { tumbling } from "./windows/tumbling";
export type { WatermarkState } from "./windows/watermark";
export { INITIAL_WATERMARK, observeEventTime, raiseWatermark } from "./windows/watermark";
export type { WindowBounds } from "./windows/windowBounds";
export type { EmitMode, WindowOperatorConfig } from "./windows/windowOperatorConfig";
export type { LateReason, LateRecord, WindowOutput, WindowResult } from "./windows/windowOutput";
export type { WindowSpec } from "./windows/windowSpec";
export { describeWindowSpec, parseWindowSpec } from "./windows/windowSpec";
export { WindowStateError } from "./windows/windowStateError";
