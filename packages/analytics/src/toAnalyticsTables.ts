import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import type { AnalyticsTables } from "./analyticsTables";

/** The three clean tables as record arrays, the input of {@link toAnalyticsTables} and `analyze`. */
export interface CleanTables {
  readonly pin: readonly CleanPin[];
  readonly geo: readonly CleanGeo[];
  readonly user: readonly CleanUser[];
}

/**
 * Builds the columnar {@link AnalyticsTables} from clean records: one pass per table, strings
 * interned into one shared dictionary (first seen, first id), nulls as `NaN` / `-1`, dates as UTC
 * epoch milliseconds. Rows keep their input order, duplicates included.
 *
 * @example
 * const tables = toAnalyticsTables({ pin: [], geo: [{ ind: 1, country: "Chad", coordinates: null, timestamp: null }], user: [] });
 * tables.strings; // ["Chad"]
 * tables.geo.country[0]; // 0
 * tables.geo.timestamp[0]; // NaN
 */
export function toAnalyticsTables(clean: CleanTables): AnalyticsTables {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const intern = (value: string | null): number => {
    if (value === null) return -1;
    let id = ids.get(value);
    if (id === undefined) {
      id = strings.length;
      strings.push(value);
      ids.set(value, id);
    }
    return id;
  };

  const pinLength = clean.pin.length;
  const pin = {
    length: pinLength,
    ind: new Float64Array(pinLength),
    followerCount: new Float64Array(pinLength),
    posterName: new Int32Array(pinLength),
    category: new Int32Array(pinLength),
  };
  clean.pin.forEach((record, row) => {
    pin.ind[row] = record.ind;
    pin.followerCount[row] = record.follower_count ?? Number.NaN;
    pin.posterName[row] = intern(record.poster_name);
    pin.category[row] = intern(record.category);
  });

  const geoLength = clean.geo.length;
  const geo = {
    length: geoLength,
    ind: new Float64Array(geoLength),
    country: new Int32Array(geoLength),
    timestamp: new Float64Array(geoLength),
  };
  clean.geo.forEach((record, row) => {
    geo.ind[row] = record.ind;
    geo.country[row] = intern(record.country);
    geo.timestamp[row] = epochMillis(record.timestamp);
  });

  const userLength = clean.user.length;
  const user = {
    length: userLength,
    ind: new Float64Array(userLength),
    age: new Float64Array(userLength),
    dateJoined: new Float64Array(userLength),
  };
  clean.user.forEach((record, row) => {
    user.ind[row] = record.ind;
    user.age[row] = record.age ?? Number.NaN;
    user.dateJoined[row] = epochMillis(record.date_joined);
  });

  return { strings, pin, geo, user };
}

/** `NaN` for a null date (and for an invalid `Date`, which `getTime` already reports as `NaN`). */
function epochMillis(date: Date | null): number {
  return date === null ? Number.NaN : date.getTime();
}
