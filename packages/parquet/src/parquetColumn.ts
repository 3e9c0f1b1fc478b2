/**
 * A column's physical/logical shape. All but `required` columns are nullable (OPTIONAL).
 * - `int64`: INT64
 * - `int32`: INT32, logical INT(32, signed)
 * - `timestamp-millis` / `timestamp-micros`: INT64, logical TIMESTAMP(isAdjustedToUTC=true, MILLIS / MICROS)
 * - `double`: DOUBLE
 * - `utf8`: BYTE_ARRAY, logical STRING (converted type UTF8)
 * - `double-pair`: a nullable LIST of exactly two non-null doubles, in the 3-level form
 *   `optional group <name> (LIST) { repeated group list { required double element } }`
 *
 * @example
 * const type: ParquetColumnType = "timestamp-micros";
 */
export type ParquetColumnType =
  | "int64"
  | "int32"
  | "timestamp-millis"
  | "timestamp-micros"
  | "double"
  | "utf8"
  | "double-pair";

/**
 * One column of the file schema.
 *
 * @example
 * const column: ParquetColumn = { name: "category", type: "utf8", dictionary: true };
 */
export interface ParquetColumn {
  readonly name: string;
  readonly type: ParquetColumnType;
  /** REQUIRED repetition; only for `int64`, `int32`, `utf8` and `double`. */
  readonly required?: boolean;
  /** `utf8` only: RLE_DICTIONARY encoding, falling back to PLAIN when the dictionary would pass ~1 MiB. */
  readonly dictionary?: boolean;
}

/**
 * Column values of a batch of rows, Arrow-like. Numbers are JS doubles; NaN means null for
 * numeric and timestamp columns (required columns never hold NaN). Integers are safe integers.
 * Timestamps are epoch milliseconds for both timestamp types (micros are derived by the writer;
 * `timestamp-micros` takes any instant within `Date`'s range, ±8.64e15 ms).
 * For `pairs`, a row is null when `first` is NaN.
 *
 * @example
 * const ids: ColumnValues = { kind: "numbers", values: new Float64Array([1, 2, Number.NaN]) };
 */
export type ColumnValues =
  | { readonly kind: "numbers"; readonly values: Float64Array }
  | {
      readonly kind: "utf8";
      /** `length + 1` offsets into `bytes`. */
      readonly offsets: Int32Array;
      readonly bytes: Uint8Array;
      /** One byte per row: 1 present, 0 null. */
      readonly valid: Uint8Array;
    }
  | { readonly kind: "pairs"; readonly first: Float64Array; readonly second: Float64Array };

/**
 * Writer options.
 *
 * @example
 * const options: ParquetWriterOptions = { createdBy: "pinpipe 0.1.0", compression: "snappy" };
 */
export interface ParquetWriterOptions {
  /** Written as the footer's `created_by`. */
  readonly createdBy: string;
  /** Page compression; default `"snappy"`. */
  readonly compression?: "snappy" | "none";
  /** Footer key/value metadata, written in key order so output is deterministic. */
  readonly keyValueMetadata?: Readonly<Record<string, string>>;
}

/**
 * Statistics of a column over a chunk or a whole file. `min`/`max` are numbers for numeric
 * columns (timestamps in epoch milliseconds, as given), strings for `utf8` (ordered by UTF-8
 * bytes, i.e. code point order), null when every value is null and always for `double-pair`.
 *
 * @example
 * const stats: ColumnStatistics = { nullCount: 1, min: 3, max: 9 };
 */
export interface ColumnStatistics {
  readonly nullCount: number;
  readonly min: number | string | null;
  readonly max: number | string | null;
}
