import type { RawTableName } from "@pinpipe/analytics";
import type { ParquetColumn } from "@pinpipe/parquet";

/**
 * The Parquet columns of each clean table, in schema order (as `CleanRowBatch` holds them):
 * `ind` a required INT64, strings UTF8 (dictionary-encoded where values repeat: names,
 * categories, kinds, paths, countries), counts INT64, `age` INT32, instants TIMESTAMP(MICROS,
 * UTC), coordinates a list of two doubles.
 *
 * @example
 * CLEAN_TABLE_PARQUET_COLUMNS.geo.map((column) => column.type); // ["int64", "utf8", "double-pair", "timestamp-micros"]
 */
export const CLEAN_TABLE_PARQUET_COLUMNS: { readonly [T in RawTableName]: readonly ParquetColumn[] } = {
  pin: [
    { name: "ind", type: "int64", required: true },
    { name: "unique_id", type: "utf8" },
    { name: "title", type: "utf8" },
    { name: "description", type: "utf8" },
    { name: "follower_count", type: "int64" },
    { name: "poster_name", type: "utf8", dictionary: true },
    { name: "tag_list", type: "utf8" },
    { name: "is_image_or_video", type: "utf8", dictionary: true },
    { name: "image_src", type: "utf8" },
    { name: "save_location", type: "utf8", dictionary: true },
    { name: "category", type: "utf8", dictionary: true },
  ],
  geo: [
    { name: "ind", type: "int64", required: true },
    { name: "country", type: "utf8", dictionary: true },
    { name: "coordinates", type: "double-pair" },
    { name: "timestamp", type: "timestamp-micros" },
  ],
  user: [
    { name: "ind", type: "int64", required: true },
    { name: "user_name", type: "utf8", dictionary: true },
    { name: "age", type: "int32" },
    { name: "date_joined", type: "timestamp-micros" },
  ],
};

/**
 * The `created_by` every Parquet file carries: fixed, so files depend only on their rows.
 *
 * @example
 * PARQUET_CREATED_BY; // "pinpipe"
 */
export const PARQUET_CREATED_BY = "pinpipe";
