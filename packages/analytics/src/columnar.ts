/**
 * `@pinpipe/analytics/columnar`: the job core's reading side, for the jobs that build on it
 * (@pinpipe/core, the pinpipe runner): raw lines to clean columns and whole rows with one
 * accounting, merged and deduplicated, and the worker-transferable partials.
 *
 * @module @pinpipe/analytics/columnar
 */
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
export type { RejectionIssue } from "./columnar/referenceLineReader";
