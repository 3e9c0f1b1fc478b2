import type { KeyLabels } from "./queryContext";

/** Output column name → grouping key it shows, e.g. `{ age_group: "ageGroup", post_year: "joinYear" }`. */
export type GroupColumns = Readonly<Record<string, keyof KeyLabels>>;

/** The output columns of {@link GroupColumns}, typed by their keys' labels. */
export type GroupColumnValues<Columns extends GroupColumns> = {
  readonly [Column in keyof Columns]: KeyLabels[Columns[Column]];
};

/**
 * Builds one output row: the group's labels under their column names (in the columns' order),
 * then the aggregate columns.
 *
 * @example
 * groupRow({ post_year: "joinYear" }, [2016], { number_users_joined: 3 }); // { post_year: 2016, number_users_joined: 3 }
 */
export function groupRow<Columns extends GroupColumns, Aggregates extends object>(
  columns: Columns,
  labels: readonly unknown[],
  aggregates: Aggregates,
): GroupColumnValues<Columns> & Aggregates {
  const row: Record<string, unknown> = {};
  Object.keys(columns).forEach((column, k) => {
    row[column] = labels[k];
  });
  return Object.assign(row, aggregates) as GroupColumnValues<Columns> & Aggregates;
}
