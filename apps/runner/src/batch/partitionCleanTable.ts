import type { TableName } from "@pinpipe/clean";
import { type CleanTableColumns, cleanRowComparator, sortCleanRows } from "../parquet/index";
import { hivePartitionSegment } from "./hivePartitionSegment";

/** How a table is partitioned: the Hive column and each row's value of it. */
interface PartitionSpec {
  readonly column: string;
  readonly partitionValue: (columns: CleanTableColumns<TableName>) => (row: number) => string | number | null;
}

const utcYear = (millis: number): number | null =>
  Number.isNaN(millis) ? null : new Date(millis).getUTCFullYear();

function numbersOf(columns: CleanTableColumns<TableName>, name: string): Float64Array {
  const column = columns.column(name);
  if (column.kind === "text" || column.kind === "coordinates") throw new TypeError(`${name} is not numeric`);
  return column.values;
}

/**
 * The partitioning of each clean table: pins by `category`, geo by the UTC year of `timestamp`
 * (`post_year`), users by the UTC year of `date_joined` (`join_year`).
 *
 * Every file keeps every column of its table, `category` included, although Spark's
 * `partitionBy` would leave it to the path: a folder name holds at most 200 bytes, so a longer
 * category gets a shortened folder (`hivePartitionSegment`) and only the file can give it whole.
 * Keeping it in every file (not only the shortened ones) gives all pin files one schema, and each
 * file stands alone. Readers that take partition values from the path when a column is in both
 * (Spark; DuckDB with `hive_partitioning`) show the folder value, which is the shortened one for
 * such long categories; reading the files without Hive partitioning gives every value whole.
 *
 * @example
 * PARTITIONING.geo.column; // "post_year"
 */
export const PARTITIONING: { readonly [T in TableName]: PartitionSpec } = {
  pin: {
    column: "category",
    partitionValue: (columns) => {
      const column = columns.column("category");
      if (column.kind !== "text") throw new TypeError("category is not text");
      return (row) => column.values[row] ?? null;
    },
  },
  geo: {
    column: "post_year",
    partitionValue: (columns) => {
      const values = numbersOf(columns, "timestamp");
      return (row) => utcYear(values[row]!);
    },
  },
  user: {
    column: "join_year",
    partitionValue: (columns) => {
      const values = numbersOf(columns, "date_joined");
      return (row) => utcYear(values[row]!);
    },
  },
};

/** One partition: its folder name and its rows, in write order. */
export interface TablePartition {
  /** `<column>=<value>`, e.g. `category=art` or `post_year=__HIVE_DEFAULT_PARTITION__`. */
  readonly segment: string;
  readonly rows: Uint32Array;
}

/** A table cut into partitions, after deduplication. */
export interface PartitionedTable {
  /** Partitions sorted by folder name. */
  readonly partitions: readonly TablePartition[];
  /** Every kept row, in write order (the rows the queries read). */
  readonly rows: Uint32Array;
  /** Rows dropped as duplicates of an earlier kept row. */
  readonly duplicates: number;
}

/**
 * Sorts a clean table into its write order (`sortCleanRows`), drops with `dedupe` every row equal
 * in all columns to the row before it (sorting puts duplicates next to each other: Spark's
 * `dropDuplicates()`), and cuts the rest into Hive partitions ({@link PARTITIONING}). Each
 * partition keeps the write order, so its file depends only on its rows.
 *
 * @example
 * const { partitions, duplicates } = partitionCleanTable(columns.geo, true);
 * partitions[0]; // { segment: "post_year=2017", rows: Uint32Array [...] }
 */
export function partitionCleanTable<T extends TableName>(
  columns: CleanTableColumns<T>,
  dedupe: boolean,
): PartitionedTable {
  const spec = PARTITIONING[columns.table];
  const sorted = sortCleanRows(columns);
  let kept = sorted;
  if (dedupe && sorted.length > 1) {
    const compare = cleanRowComparator(columns);
    kept = new Uint32Array(sorted.length);
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || compare(sorted[i - 1]!, sorted[i]!) !== 0) kept[n++] = sorted[i]!;
    }
    kept = kept.slice(0, n);
  }
  const partitionOf = spec.partitionValue(columns as unknown as CleanTableColumns<TableName>);
  const groups = new Map<string, number[]>();
  for (const row of kept) {
    const segment = hivePartitionSegment(spec.column, partitionOf(row));
    let group = groups.get(segment);
    if (group === undefined) {
      group = [];
      groups.set(segment, group);
    }
    group.push(row);
  }
  const partitions = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, rows]) => ({ segment, rows: Uint32Array.from(rows) }));
  return { partitions, rows: kept, duplicates: sorted.length - kept.length };
}
