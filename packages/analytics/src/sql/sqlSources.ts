import type { SqlTableNames } from "./sqlTableNames";

/** The rows a query reads: one of the two inner joins on `ind`, or the user table alone. */
export type SqlRowSet = "pinGeo" | "pinUser" | "user";

/** The `WITH` entries and `FROM` clause that give a query its rows. */
export interface SqlSource {
  /** Common table expressions to put first in the `WITH` list (the deduplicated tables). */
  readonly ctes: readonly string[];
  /** `FROM …` with the aliases `p`, `g`, `u` that {@link SqlGroupColumn} expressions use. */
  readonly from: string;
}

/**
 * The source rows of a query. With `dedupe`, each table read goes through a
 * `SELECT DISTINCT *` CTE first, Spark's `dropDuplicates()` over whole records; the joins are
 * `INNER JOIN … ON p.ind = x.ind`, so repeated `ind`s multiply as in the Spark jobs.
 *
 * @example
 * sqlSource("pinGeo", { pin: "pin", geo: "geo", user: "user_data" }, false).from;
 * // "FROM pin p INNER JOIN geo g ON p.ind = g.ind"
 */
export function sqlSource(rowSet: SqlRowSet, tables: SqlTableNames, dedupe: boolean): SqlSource {
  const read: [table: keyof SqlTableNames, alias: string][] =
    rowSet === "user" ? [["user", "u"]] : [["pin", "p"], rowSet === "pinGeo" ? ["geo", "g"] : ["user", "u"]];
  const ctes = dedupe
    ? read.map(([table]) => `distinct_${table} AS (SELECT DISTINCT * FROM ${tables[table]})`)
    : [];
  const relation = (table: keyof SqlTableNames): string => (dedupe ? `distinct_${table}` : tables[table]);
  const [first, second] = read as [[keyof SqlTableNames, string], [keyof SqlTableNames, string]?];
  let from = `FROM ${relation(first[0])} ${first[1]}`;
  if (second) from += ` INNER JOIN ${relation(second[0])} ${second[1]} ON ${first[1]}.ind = ${second[1]}.ind`;
  return { ctes, from };
}
