import type { ResolvedQueryOptions } from "../queries/queryOptions";
import type { SqlGroupColumn } from "./sqlGroupColumns";
import type { SqlSource } from "./sqlSources";
import { type JoinedRowsSpec, sqlStatement } from "./sqlStatement";

/** What {@link topPerPartitionSql} ranks. */
export interface TopPerPartitionSpec {
  readonly source: SqlSource;
  /** Partition columns (none: rank over everything). */
  readonly partition: readonly SqlGroupColumn[];
  /** The column whose values compete within a partition; with `ties: "first"` the smallest wins. */
  readonly candidate: SqlGroupColumn;
  /** The aggregate that decides, e.g. `{ name: "category_count", aggregate: "count(*)" }`. */
  readonly metric: { readonly name: string; readonly aggregate: string };
  /** Value columns and conditions of the joined rows the aggregate reads. */
  readonly joined?: Omit<JoinedRowsSpec, "columns">;
  readonly ties: ResolvedQueryOptions["ties"];
}

/**
 * SQL for "the candidate(s) with the highest aggregate per partition" (q1 … q4, q3_top): group
 * by partition and candidate, rank within each partition by the aggregate descending with
 * `rank()` (`ties: "all"`, every tied winner) or `row_number()` with the candidate ascending,
 * nulls last, as tie-break (`ties: "first"`), keep rank 1, order by partition then candidate.
 *
 * @example
 * topPerPartitionSql({
 *   source: sqlSource("pinGeo", DEFAULT_SQL_TABLE_NAMES, false),
 *   partition: [SQL_GROUP_COLUMNS.country],
 *   candidate: SQL_GROUP_COLUMNS.category,
 *   metric: { name: "category_count", aggregate: "count(*)" },
 *   ties: "all",
 * }); // "WITH\n  joined AS (… rank() OVER (PARTITION BY country ORDER BY category_count DESC) …"
 */
export function topPerPartitionSql(spec: TopPerPartitionSpec): string {
  const { partition, candidate, metric, ties } = spec;
  const groupNames = [...partition, candidate].map((column) => column.name);
  const output = [...groupNames, metric.name].join(", ");
  const partitionBy = partition.length > 0 ? `PARTITION BY ${partition.map((c) => c.name).join(", ")} ` : "";
  const ranking =
    ties === "all"
      ? `rank() OVER (${partitionBy}ORDER BY ${metric.name} DESC)`
      : `row_number() OVER (${partitionBy}ORDER BY ${metric.name} DESC, ${candidate.orderBy})`;
  return sqlStatement(
    spec.source,
    { ...spec.joined, columns: [...partition, candidate] },
    [
      {
        name: "grouped",
        body: `SELECT ${groupNames.join(", ")}, ${metric.aggregate} AS ${metric.name}\nFROM joined\nGROUP BY ${groupNames.join(", ")}`,
      },
      { name: "ranked", body: `SELECT ${output}, ${ranking} AS winner_rank\nFROM grouped` },
    ],
    `SELECT ${output}\nFROM ranked\nWHERE winner_rank = 1\nORDER BY ${[...partition, candidate].map((c) => c.orderBy).join(", ")}`,
  );
}
