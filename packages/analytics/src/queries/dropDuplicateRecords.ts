import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import type { CleanTables } from "../toAnalyticsTables";

/**
 * Spark's `dropDuplicates()` on each clean table: keeps the first of every set of records equal in
 * all columns (nulls equal to nulls, dates by instant, coordinates by both numbers), in input
 * order. Column order and extra properties of the objects do not matter: only the schema's columns
 * are compared.
 *
 * @example
 * const geo = { ind: 1, country: "Chad", coordinates: null, timestamp: new Date(0) };
 * dropDuplicateRecords({ pin: [], geo: [geo, { ...geo, timestamp: new Date(0) }], user: [] }).geo.length; // 1
 */
export function dropDuplicateRecords(tables: CleanTables): CleanTables {
  return {
    pin: distinctBy(tables.pin, PIN_COLUMNS),
    geo: distinctBy(tables.geo, GEO_COLUMNS),
    user: distinctBy(tables.user, USER_COLUMNS),
  };
}

function distinctBy<Row extends object>(rows: readonly Row[], columns: readonly string[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = columns.map((column) => {
      const value: unknown = (row as Record<string, unknown>)[column];
      // JSON turns a Date into text that depends only on its instant; -0 prints as 0, as Spark normalises it.
      return value instanceof Date ? value.getTime() : value;
    });
    const key = JSON.stringify(values);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
