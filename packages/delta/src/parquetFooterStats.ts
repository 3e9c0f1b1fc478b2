import type { RawTableName } from "@pinpipe/analytics";
import { CLEAN_TABLE_PARQUET_COLUMNS, PARTITION_COLUMNS } from "@pinpipe/core";
import { parquetMetadata } from "hyparquet";
import { partitionValueText } from "./dataFilePath";
import { type ColumnStats, fileStatsJson, type StatsColumnType } from "./fileStats";

const STATS_TYPE: Readonly<Record<string, StatsColumnType | null>> = {
  int64: "long",
  int32: "integer",
  "timestamp-millis": "timestamp",
  "timestamp-micros": "timestamp",
  double: "double",
  utf8: "string",
  "double-pair": null,
};

/** What a clean table's Parquet footer says about its file, for an `add` action. */
export interface CleanFileFacts {
  readonly numRecords: number;
  /** `stats` of the `add` action. */
  readonly stats: string;
  /** The partition value of every row of the file (`partitionValues`). */
  readonly partitionValues: Readonly<Record<string, string | null>>;
}

function plainStat(value: unknown): number | string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value === "number" || typeof value === "string") return value;
  return null;
}

function pick(a: number | string | null, b: number | string | null, sign: number): number | string | null {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === "string" && typeof b === "string") {
    const order = Buffer.compare(Buffer.from(a), Buffer.from(b));
    return order * sign >= 0 ? a : b;
  }
  return (Number(a) - Number(b)) * sign >= 0 ? a : b;
}

/**
 * The facts of a clean table's Parquet file read from its footer (`tail`: at least the file's
 * last bytes holding the footer, its length and the magic): row count, per-column statistics
 * merged over row groups, and the partition value, which every row of a partition file shares:
 * the category, or the UTC year of the first instant (null when the partition's rows are null).
 * Timestamps in the footer are epoch milliseconds or microseconds as the file's unit says.
 *
 * @throws {Error} from the Parquet reader for a tail that does not hold a footer.
 * @example
 * const facts = cleanFileFacts("geo", tailOfFile);
 * facts.partitionValues; // { post_year: "2019" }
 */
export function cleanFileFacts(table: RawTableName, tail: Uint8Array): CleanFileFacts {
  const buffer = tail.buffer.slice(tail.byteOffset, tail.byteOffset + tail.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(buffer);
  const columns = CLEAN_TABLE_PARQUET_COLUMNS[table];
  const stats: ColumnStats[] = [];
  columns.forEach((column, index) => {
    const type = STATS_TYPE[column.type] ?? null;
    let nullCount = 0;
    let min: number | string | null = null;
    let max: number | string | null = null;
    for (const group of metadata.row_groups) {
      const chunk = group.columns.find((c) => c.meta_data?.path_in_schema[0] === column.name);
      const statistics = chunk?.meta_data?.statistics;
      nullCount += Number(statistics?.null_count ?? 0);
      min = pick(min, plainStat(statistics?.min_value ?? statistics?.min), -1);
      max = pick(max, plainStat(statistics?.max_value ?? statistics?.max), 1);
    }
    if (type !== null && index >= 0) stats.push({ name: column.name, type, nullCount, min, max });
  });
  const numRecords = Number(metadata.num_rows);
  const partition = PARTITION_COLUMNS[table];
  let value: string | number | null;
  if (table === "pin") value = (stats.find((s) => s.name === "category")?.min as string | null) ?? null;
  else {
    const instant = stats.find((s) => s.type === "timestamp")?.min ?? null;
    value = instant === null ? null : new Date(instant as number).getUTCFullYear();
  }
  return {
    numRecords,
    stats: fileStatsJson(numRecords, stats),
    partitionValues: { [partition]: partitionValueText(value) },
  };
}
