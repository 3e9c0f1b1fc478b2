import { AGE_GROUP_BOUNDS } from "../queries/ageGroup";
import { JOIN_YEARS, POST_YEARS } from "../queries/queryContext";

/**
 * A grouping column of the SQL text, the counterpart of a TypeScript grouping key: how it is
 * computed from the joined tables (aliases `p` pin, `g` geo, `u` user), which rows it drops, and
 * how results are ordered by it.
 */
export interface SqlGroupColumn {
  /** Output column name. */
  readonly name: string;
  readonly expression: string;
  /** Condition a row needs to belong to a group (absent: a null value is a group of its own). */
  readonly where?: string;
  /** `ORDER BY` term over the output column. */
  readonly orderBy: string;
}

const text = (name: string, expression: string): SqlGroupColumn => ({
  name,
  expression,
  // Spark sorts nulls first by default and DuckDB last, so the order is spelled out.
  orderBy: `${name} ASC NULLS LAST`,
});

const yearColumn = (expression: string, years: { first: number; last: number }): SqlGroupColumn => ({
  name: "post_year",
  expression: `year(${expression})`,
  where: `year(${expression}) BETWEEN ${years.first} AND ${years.last}`,
  orderBy: "post_year ASC",
});

const ageGroupExpression = `CASE ${AGE_GROUP_BOUNDS.map(({ label, min, max }) => {
  const range = max === null ? `u.age >= ${min}` : `u.age BETWEEN ${min} AND ${max}`;
  return `WHEN ${range} THEN '${label}'`;
}).join(" ")} END`;

/**
 * The SQL grouping columns of the eight queries. `year()` reads the session time zone in Spark,
 * so Spark must run with `spark.sql.session.timeZone=UTC` (or `TIMESTAMP_NTZ` columns) to match
 * the UTC years of the TypeScript queries; DuckDB's `TIMESTAMP` needs nothing.
 *
 * @example
 * SQL_GROUP_COLUMNS.postYear.where; // "year(g.timestamp) BETWEEN 2018 AND 2022"
 */
export const SQL_GROUP_COLUMNS = {
  country: text("country", "g.country"),
  category: text("category", "p.category"),
  posterName: text("poster_name", "p.poster_name"),
  postYear: yearColumn("g.timestamp", POST_YEARS),
  joinYear: yearColumn("u.date_joined", JOIN_YEARS),
  ageGroup: {
    name: "age_group",
    expression: ageGroupExpression,
    where: `${ageGroupExpression} IS NOT NULL`,
    orderBy: `CASE age_group ${AGE_GROUP_BOUNDS.map(({ label }, rank) => `WHEN '${label}' THEN ${rank}`).join(" ")} END`,
  },
} as const satisfies Record<string, SqlGroupColumn>;
