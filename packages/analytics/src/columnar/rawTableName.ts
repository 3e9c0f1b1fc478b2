/**
 * The three raw source tables: pins (`pinterest_data`), geolocations and users.
 *
 * @example
 * const table: RawTableName = "geo";
 */
export type RawTableName = "pin" | "geo" | "user";

/**
 * Every {@link RawTableName}, in the order reports list them.
 *
 * @example
 * RAW_TABLE_NAMES.includes("user"); // true
 */
export const RAW_TABLE_NAMES: readonly RawTableName[] = Object.freeze(["pin", "geo", "user"] as const);
