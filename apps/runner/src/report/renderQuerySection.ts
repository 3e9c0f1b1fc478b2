import { QUERY_REGISTRY, type QueryName } from "@pinpipe/analytics";
import { barChartSvg } from "./barChartSvg";
import { escapeHtml } from "./escapeHtml";
import { formatNumber } from "./formatNumber";
import type { ResultRow } from "./parseResultRows";
import { MAX_CHART_BARS, queryBars } from "./queryBars";
import { QUERY_REPORT_SPECS } from "./queryReportSpecs";
import { renderRowsTable } from "./renderRowsTable";

/** Tables up to this many rows start unfolded; longer ones start folded under their chart. */
const OPEN_TABLE_ROWS = 30;

function chartNote(name: QueryName, rows: number): string {
  if (rows <= MAX_CHART_BARS) return "";
  const which = QUERY_REPORT_SPECS[name].order === "value" ? "largest" : "first";
  return `<figcaption>The ${which} ${MAX_CHART_BARS} of ${formatNumber(rows)} rows; the table lists all.</figcaption>`;
}

/**
 * The report section of one query result: heading and what a row means (the query's title and
 * description in `QUERY_REGISTRY`), a bar chart of its value column
 * (`<figure class="chart" data-chart="<name>">`) and the rows as a table, or a "No rows" note
 * when the result is empty.
 *
 * @example
 * renderQuerySection("q6", [{ post_year: 2015, number_users_joined: 7 }]);
 * // '<section class="query" id="q6"><h3>…Users joined per year (2015–2020)</h3>…<svg class="bar-chart" …'
 */
export function renderQuerySection(name: QueryName, rows: readonly ResultRow[]): string {
  const spec = QUERY_REPORT_SPECS[name];
  const { title, description } = QUERY_REGISTRY[name];
  const heading = `<h3><span class="qname">${name}</span> ${escapeHtml(title)}</h3><p class="desc">${escapeHtml(description)}</p>`;
  if (rows.length === 0) {
    return `<section class="query" id="${name}">${heading}<p class="empty">No rows.</p></section>`;
  }
  const bars = queryBars(rows, spec);
  const chart =
    bars === undefined
      ? ""
      : `<figure class="chart" data-chart="${name}">${barChartSvg(`${name}: ${title}`, bars)}${chartNote(name, rows.length)}</figure>`;
  const count = `${formatNumber(rows.length)} row${rows.length === 1 ? "" : "s"}`;
  const open = rows.length <= OPEN_TABLE_ROWS ? " open" : "";
  return (
    `<section class="query" id="${name}">${heading}${chart}` +
    `<details${open}><summary>Table · ${count}</summary>${renderRowsTable(rows)}</details></section>`
  );
}
