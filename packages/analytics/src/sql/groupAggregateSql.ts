import type { SqlGroupColumn } from "./sqlGroupColumns";
import type { SqlSource } from "./sqlSources";
import { type JoinedRowsSpec, sqlStatement } from "./sqlStatement";

/**
 * SQL for one aggregate per group (q5 … q8): group the joined rows by `columns`, compute
 * `aggregate AS name`, order by the columns.
 *
 * @example
 * groupAggregateSql(sqlSource("user", DEFAULT_SQL_TABLE_NAMES, false), [SQL_GROUP_COLUMNS.joinYear], {
 *   name: "number_users_joined",
 *   aggregate: "count(*)",
 * }); // "WITH\n  joined AS (…)\nSELECT post_year, count(*) AS number_users_joined\nFROM joined\nGROUP BY post_year\nORDER BY post_year ASC"
 */
export function groupAggregateSql(
  source: SqlSource,
  columns: readonly SqlGroupColumn[],
  metric: { readonly name: string; readonly aggregate: string },
  joined?: Omit<JoinedRowsSpec, "columns">,
): string {
  const names = columns.map((column) => column.name).join(", ");
  return sqlStatement(
    source,
    { ...joined, columns },
    [],
    `SELECT ${names}, ${metric.aggregate} AS ${metric.name}\nFROM joined\nGROUP BY ${names}\nORDER BY ${columns.map((c) => c.orderBy).join(", ")}`,
  );
}
