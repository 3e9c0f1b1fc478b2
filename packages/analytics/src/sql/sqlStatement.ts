import type { SqlGroupColumn } from "./sqlGroupColumns";
import type { SqlSource } from "./sqlSources";

/** The first CTE of every query: the source rows with their grouping columns computed. */
export interface JoinedRowsSpec {
  readonly columns: readonly SqlGroupColumn[];
  /** Extra value columns: output name → expression, e.g. `{ follower_count: "p.follower_count" }`. */
  readonly values?: Readonly<Record<string, string>>;
  /** Extra row conditions, ANDed with the columns' own. */
  readonly where?: readonly string[];
}

/** A named common table expression. */
export interface Cte {
  readonly name: string;
  readonly body: string;
}

/**
 * Assembles one statement: `WITH` the source's CTEs, a `joined` CTE (grouping columns computed
 * and rows outside every group filtered out), the given further CTEs, then the final query. Plain
 * ANSI constructs only, so DuckDB and Spark SQL both run it.
 *
 * @example
 * sqlStatement(
 *   { ctes: [], from: "FROM user_data u" },
 *   { columns: [SQL_GROUP_COLUMNS.joinYear] },
 *   [],
 *   "SELECT post_year, count(*) AS n FROM joined GROUP BY post_year",
 * );
 * // "WITH\n  joined AS (\n    SELECT year(u.date_joined) AS post_year\n    FROM user_data u\n    WHERE year(u.date_joined) BETWEEN 2015 AND 2020\n  )\nSELECT post_year, …"
 */
export function sqlStatement(
  source: SqlSource,
  joined: JoinedRowsSpec,
  ctes: readonly Cte[],
  select: string,
): string {
  const selectList = [
    ...joined.columns.map((column) => `${column.expression} AS ${column.name}`),
    ...Object.entries(joined.values ?? {}).map(([name, expression]) => `${expression} AS ${name}`),
  ];
  const conditions = [
    ...joined.columns.flatMap((column) => (column.where === undefined ? [] : [column.where])),
    ...(joined.where ?? []),
  ];
  const joinedBody = [
    `SELECT ${selectList.join(", ")}`,
    source.from,
    ...(conditions.length > 0 ? [`WHERE ${conditions.join(" AND ")}`] : []),
  ];
  const entries = [
    ...source.ctes,
    cteText({ name: "joined", body: joinedBody.join("\n") }),
    ...ctes.map(cteText),
  ];
  return `WITH\n  ${entries.join(",\n  ")}\n${select}`;
}

function cteText({ name, body }: Cte): string {
  return `${name} AS (\n${body.replace(/^/gm, "    ")}\n  )`;
}
