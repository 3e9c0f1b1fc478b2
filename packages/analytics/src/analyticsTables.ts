/**
 * Columnar form of the three clean tables, holding only the columns the eight queries read.
 * Strings (poster names, categories, countries) are dictionary-encoded against one shared
 * `strings` array so that grouping is integer work and tables built in parallel can be merged by
 * remapping ids. Nulls: `NaN` in float columns, `-1` in dictionary columns.
 */
export interface AnalyticsTables {
  /** Shared dictionary: id → string, for every dictionary-encoded column. */
  readonly strings: readonly string[];
  readonly pin: PinColumns;
  readonly geo: GeoColumns;
  readonly user: UserColumns;
}

/** The pin columns the queries read; every array has exactly `length` entries. */
export interface PinColumns {
  readonly length: number;
  /** Join key. */
  readonly ind: Float64Array;
  /** Parsed follower count; `NaN` when null. */
  readonly followerCount: Float64Array;
  /** Dictionary id of `poster_name`; `-1` when null. */
  readonly posterName: Int32Array;
  /** Dictionary id of `category`; `-1` when null. */
  readonly category: Int32Array;
}

/** The geo columns the queries read; every array has exactly `length` entries. */
export interface GeoColumns {
  readonly length: number;
  readonly ind: Float64Array;
  /** Dictionary id of `country`; `-1` when null. */
  readonly country: Int32Array;
  /** `timestamp` as epoch milliseconds (UTC); `NaN` when null. */
  readonly timestamp: Float64Array;
}

/** The user columns the queries read; every array has exactly `length` entries. */
export interface UserColumns {
  readonly length: number;
  readonly ind: Float64Array;
  /** `NaN` when null. */
  readonly age: Float64Array;
  /** `date_joined` as epoch milliseconds (UTC); `NaN` when null. */
  readonly dateJoined: Float64Array;
}
