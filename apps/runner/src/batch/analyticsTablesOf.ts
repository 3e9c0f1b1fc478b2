import type { AnalyticsTables } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import type { CleanTableColumns } from "../parquet/index";

/** The clean tables and, per table, the rows the queries read (after deduplication). */
export interface QueryInput {
  readonly columns: { readonly [T in TableName]: CleanTableColumns<T> };
  readonly rows: { readonly [T in TableName]: Uint32Array };
}

function gatherNumbers(columns: CleanTableColumns<TableName>, name: string, rows: Uint32Array): Float64Array {
  const column = columns.column(name);
  if (column.kind === "text" || column.kind === "coordinates") throw new TypeError(`${name} is not numeric`);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column.values[rows[i]!]!;
  return out;
}

/**
 * Builds the columnar tables `runQueries` reads (@pinpipe/analytics) from the clean columns, taking
 * only `rows` of each table: numbers as they are (nulls are `NaN` in both), strings interned into
 * one shared dictionary in the order first met.
 *
 * @example
 * const results = runQueries(analyticsTablesOf({ columns, rows: { pin: pinRows, geo: geoRows, user: userRows } }), options);
 */
export function analyticsTablesOf(input: QueryInput): AnalyticsTables {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const interned = (columns: CleanTableColumns<TableName>, name: string, rows: Uint32Array): Int32Array => {
    const column = columns.column(name);
    if (column.kind !== "text") throw new TypeError(`${name} is not text`);
    const out = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const text = column.values[rows[i]!] ?? null;
      if (text === null) {
        out[i] = -1;
        continue;
      }
      let id = ids.get(text);
      if (id === undefined) {
        id = strings.length;
        strings.push(text);
        ids.set(text, id);
      }
      out[i] = id;
    }
    return out;
  };
  const pin = input.columns.pin as CleanTableColumns<TableName>;
  const geo = input.columns.geo as CleanTableColumns<TableName>;
  const user = input.columns.user as CleanTableColumns<TableName>;
  const { rows } = input;
  return {
    strings,
    pin: {
      length: rows.pin.length,
      ind: gatherNumbers(pin, "ind", rows.pin),
      followerCount: gatherNumbers(pin, "follower_count", rows.pin),
      posterName: interned(pin, "poster_name", rows.pin),
      category: interned(pin, "category", rows.pin),
    },
    geo: {
      length: rows.geo.length,
      ind: gatherNumbers(geo, "ind", rows.geo),
      country: interned(geo, "country", rows.geo),
      timestamp: gatherNumbers(geo, "timestamp", rows.geo),
    },
    user: {
      length: rows.user.length,
      ind: gatherNumbers(user, "ind", rows.user),
      age: gatherNumbers(user, "age", rows.user),
      dateJoined: gatherNumbers(user, "date_joined", rows.user),
    },
  };
}
