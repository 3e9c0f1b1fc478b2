import type { RawTableName } from "@pinpipe/analytics";
import { CLEAN_TABLE_PARQUET_COLUMNS, PARTITION_COLUMNS } from "@pinpipe/core";
import type { ParquetColumnType } from "@pinpipe/parquet";
import type { SparkDataType, SparkField } from "./sparkSchema";
import type { TableDefinition } from "./writeTableCommit";

const SPARK_TYPE: Readonly<Record<ParquetColumnType, SparkDataType>> = {
  int64: "long",
  int32: "integer",
  "timestamp-millis": "timestamp",
  "timestamp-micros": "timestamp",
  double: "double",
  utf8: "string",
  "double-pair": { type: "array", elementType: "double", containsNull: false },
};

/**
 * The Spark field of each column of a clean table, in the Parquet files' order: `ind` a
 * non-null long, strings, longs, `age` an integer, instants `timestamp` (UTC), coordinates an
 * array of non-null doubles.
 *
 * @example
 * cleanTableFields("user").map((field) => field.type); // ["long", "string", "integer", "timestamp"]
 */
export function cleanTableFields(table: RawTableName): SparkField[] {
  return CLEAN_TABLE_PARQUET_COLUMNS[table].map((column) => ({
    name: column.name,
    type: SPARK_TYPE[column.type],
    nullable: column.required !== true,
  }));
}

/**
 * The Delta table of a clean table, named `<prefix>_<table>_table` as the original pipeline's
 * tables: its columns, partitioned as the Parquet output (`category`; `post_year` and `join_year`,
 * the UTC years of `timestamp` and `date_joined`, which exist only as partition columns, so they
 * are added to the schema as integers). Batch tables are not append-only: a rerun replaces its
 * run's files.
 *
 * @example
 * cleanTableDefinition("geo", "0a1b2c").partitionColumns; // ["post_year"]
 */
export function cleanTableDefinition(table: RawTableName, prefix: string): TableDefinition {
  const fields = cleanTableFields(table);
  const partition = PARTITION_COLUMNS[table];
  if (!fields.some((field) => field.name === partition))
    fields.push({ name: partition, type: "integer", nullable: true });
  return { name: `${prefix}_${table}_table`, fields, partitionColumns: [partition] };
}
