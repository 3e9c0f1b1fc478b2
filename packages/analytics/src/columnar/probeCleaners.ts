import { cleanGeo, cleanPin, cleanUser } from "@pinpipe/clean";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";

/** Pin columns cleaned from the raw field of the same name alone. */
export type PinProbeColumn = Exclude<keyof CleanPin, "ind">;
/** Geo columns cleaned from the raw field of the same name alone. */
export type GeoProbeColumn = "country" | "timestamp";

function probedValue<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false }): T {
  // The probes always carry a valid key, so the cleaners cannot reject them.
  if (!result.ok) throw new Error("probe record rejected");
  return result.value;
}

/**
 * What `cleanPin` makes of one raw pin field, found by cleaning a record that holds only a valid
 * key and that field. The fast scanner uses it once per distinct raw value (and for unusual
 * values), so its results are those of @pinpipe/clean by construction.
 *
 * @example
 * probePinColumn("follower_count", "2M"); // 2000000
 * probePinColumn("title", "Untitled"); // null (placeholder)
 */
export function probePinColumn<K extends PinProbeColumn>(column: K, raw: unknown): CleanPin[K] {
  return probedValue(cleanPin({ index: 0, [column]: raw }))[column];
}

/**
 * What `cleanGeo` makes of one raw geo field (see {@link probePinColumn}).
 *
 * @example
 * probeGeoColumn("timestamp", "2022-03-14T04:34:13Z"); // Date 2022-03-14T04:34:13Z
 */
export function probeGeoColumn<K extends GeoProbeColumn>(column: K, raw: unknown): CleanGeo[K] {
  return probedValue(cleanGeo({ ind: 0, [column]: raw }))[column];
}

/**
 * What `cleanUser` makes of a raw age (see {@link probePinColumn}).
 *
 * @example
 * probeUserAge(20); // 20
 * probeUserAge(-1); // null
 */
export function probeUserAge(raw: unknown): CleanUser["age"] {
  return probedValue(cleanUser({ ind: 0, age: raw })).age;
}

/**
 * What `cleanUser` makes of a raw date_joined (see {@link probePinColumn}).
 *
 * @example
 * probeUserDateJoined("2015-10-21 21:26:45"); // Date 2015-10-21T21:26:45Z
 */
export function probeUserDateJoined(raw: unknown): CleanUser["date_joined"] {
  return probedValue(cleanUser({ ind: 0, date_joined: raw })).date_joined;
}

/**
 * The clean `user_name` of raw first and last names (`undefined`: field absent).
 *
 * @example
 * probeUserName(" Ada ", "Lovelace"); // "Ada Lovelace"
 * probeUserName("", undefined); // null
 */
export function probeUserName(firstName: unknown, lastName: unknown): CleanUser["user_name"] {
  return probedValue(cleanUser({ ind: 0, first_name: firstName, last_name: lastName })).user_name;
}
