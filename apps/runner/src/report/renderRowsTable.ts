import { escapeHtml } from "./escapeHtml";
import { formatCell, isYearColumn } from "./formatCell";
import { formatNumber } from "./formatNumber";
import type { ResultRow } from "./parseResultRows";

/**
 * Most rows a report table shows; the run's CSV and JSON files hold them all.
 *
 * @example
 * renderRowsTable(rows).match(/<tr>/g)!.length <= MAX_TABLE_ROWS + 1; // true (header row included)
 */
export const MAX_TABLE_ROWS = 1000;

/**
 * An HTML table of result rows. Columns are every key in order of first appearance (a key missing
 * from a row shows as an empty cell); numbers are right-aligned and grouped, `null` is marked as
 * such. At most {@link MAX_TABLE_ROWS} rows are shown, with a note saying so.
 *
 * @example
 * renderRowsTable([{ age_group: "18-24", median_follower_count: 5000 }]);
 * // '<table><thead><tr><th>age_group</th><th class="num">median_follower_count</th>…<td class="num">5,000</td>…'
 */
export function renderRowsTable(rows: readonly ResultRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const numeric = new Set(
    columns.filter((column) => rows.some((row) => typeof row[column] === "number") && !isYearColumn(column)),
  );
  const head = columns
    .map((column) => `<th${numeric.has(column) ? ' class="num"' : ""}>${escapeHtml(column)}</th>`)
    .join("");
  const body = rows.slice(0, MAX_TABLE_ROWS).map((row) => {
    const cells = columns.map((column) => {
      const value = row[column];
      if (value === undefined) return "<td></td>";
      const classes = [numeric.has(column) ? "num" : "", value === null ? "null" : ""].filter(
        (c) => c !== "",
      );
      const attribute = classes.length === 0 ? "" : ` class="${classes.join(" ")}"`;
      return `<td${attribute}>${escapeHtml(formatCell(column, value))}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });
  const note =
    rows.length > MAX_TABLE_ROWS
      ? `<p class="note">Showing the first ${formatNumber(MAX_TABLE_ROWS)} of ${formatNumber(rows.length)} rows.</p>`
      : "";
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join("")}</tbody></table>${note}`;
}
