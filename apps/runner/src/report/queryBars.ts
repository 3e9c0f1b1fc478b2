import type { Bar } from "./barChartSvg";
import { CHART_COLORS, colorsByKey } from "./chartColors";
import { formatCell } from "./formatCell";
import type { ResultRow } from "./parseResultRows";
import type { QueryReportSpec } from "./queryReportSpecs";

/**
 * Most bars a query chart draws; its table lists every row.
 *
 * @example
 * queryBars(rowsOfQ1, QUERY_REPORT_SPECS.q1)!.length <= MAX_CHART_BARS; // true
 */
export const MAX_CHART_BARS = 30;

/**
 * The bars charting a query result as `spec` says: one per row, labelled by the label columns
 * joined with " · ", at most {@link MAX_CHART_BARS} (the largest values with `order: "value"`,
 * ties and nulls kept in row order; else the first rows). `undefined` when some row has no
 * numeric (or null) value column, so there is nothing meaningful to draw.
 *
 * @example
 * queryBars([{ post_year: 2015, number_users_joined: 7 }], QUERY_REPORT_SPECS.q6);
 * // [{ label: "2015", value: 7, color: "#4e79a7" }]
 */
export function queryBars(rows: readonly ResultRow[], spec: QueryReportSpec): Bar[] | undefined {
  const values: (number | null)[] = [];
  for (const row of rows) {
    const value = row[spec.valueColumn];
    if (value !== null && typeof value !== "number") return undefined;
    values.push(value);
  }
  let picked = rows.map((row, index) => ({ row, value: values[index]! }));
  if (spec.order === "value") {
    // Array.prototype.sort is stable, so equal values keep their row order.
    picked = picked.sort(
      (a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY),
    );
  }
  picked = picked.slice(0, MAX_CHART_BARS);
  const colorBy = spec.colorBy;
  const colors =
    colorBy === undefined
      ? picked.map(() => CHART_COLORS[0]!)
      : colorsByKey(picked.map(({ row }) => formatCell(colorBy, row[colorBy] ?? null)));
  return picked.map(({ row, value }, index) => ({
    label: spec.labelColumns.map((column) => formatCell(column, row[column] ?? null)).join(" · "),
    value,
    color: colors[index]!,
  }));
}
