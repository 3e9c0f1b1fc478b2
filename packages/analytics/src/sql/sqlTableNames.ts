/** The names of the three clean tables in the SQL text. */
export interface SqlTableNames {
  readonly pin: string;
  readonly geo: string;
  readonly user: string;
}

/**
 * Default table names: `pin`, `geo` and `user_data` (`user` is a reserved word in DuckDB and in
 * Spark's ANSI mode, so the user table keeps the source's `user_data` name).
 *
 * @example
 * DEFAULT_SQL_TABLE_NAMES.user; // "user_data"
 */
export const DEFAULT_SQL_TABLE_NAMES: SqlTableNames = Object.freeze({
  pin: "pin",
  geo: "geo",
  user: "user_data",
});

/** A plain or dotted (`catalog.schema.table`) identifier that needs no quoting in either dialect. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

/**
 * Fills in default table names and checks the given ones. Names are pasted into the SQL text,
 * so only unquoted identifiers are accepted: quoting differs between DuckDB (`"x"`) and Spark
 * (`` `x` ``), and anything else could inject SQL.
 *
 * @throws {TypeError} for an unknown key or a name that is not a plain or dotted identifier.
 * @example
 * resolveSqlTableNames({ pin: "lake.pins" }); // { pin: "lake.pins", geo: "geo", user: "user_data" }
 * resolveSqlTableNames({ geo: "geo; DROP TABLE pin" }); // throws TypeError
 */
export function resolveSqlTableNames(names: Partial<SqlTableNames> = {}): SqlTableNames {
  const resolved: Record<string, string> = { ...DEFAULT_SQL_TABLE_NAMES };
  for (const [key, name] of Object.entries(names)) {
    if (!Object.hasOwn(DEFAULT_SQL_TABLE_NAMES, key)) {
      throw new TypeError(`unknown table ${JSON.stringify(key)} (expected pin, geo or user)`);
    }
    if (name === undefined) continue;
    if (typeof name !== "string" || !TABLE_NAME.test(name)) {
      throw new TypeError(
        `table name for ${key} must be a plain or dotted identifier like user_data or db.user_data, got ${JSON.stringify(name)}`,
      );
    }
    resolved[key] = name;
  }
  return resolved as unknown as SqlTableNames;
}
