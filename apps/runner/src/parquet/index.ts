/** Clean tables as Parquet: columnar holding, deterministic row order and encoding. */
export type { ColumnValues } from "./cleanTableColumns";
export { CLEAN_ARROW_SCHEMAS, CleanTableColumns } from "./cleanTableColumns";
export type { CleanTableToParquetOptions } from "./cleanTableToParquet";
export { cleanTableToParquet, PARQUET_CREATED_BY } from "./cleanTableToParquet";
export { cleanRowComparator, sortCleanRows } from "./sortCleanRows";
