import { barScale } from "./barScale";
import { CHART, chartLabel, labelColumnWidth } from "./chartLayout";
import { escapeHtml } from "./escapeHtml";
import { formatNumber } from "./formatNumber";

/** One bar of {@link barChartSvg}. */
export interface Bar {
  readonly label: string;
  /** `null` draws no bar and prints "null" (e.g. a median over no follower counts). */
  readonly value: number | null;
  /** CSS color of the bar. */
  readonly color: string;
}

/**
 * An inline SVG horizontal bar chart, one row per bar in the order given: label on the left, bar
 * scaled so the largest value spans the full bar area, value printed after the bar. Hovering a
 * row shows its full label and value. `title` names the chart for screen readers.
 *
 * @example
 * barChartSvg("Users joined per year", [
 *   { label: "2015", value: 7, color: "#4e79a7" },
 *   { label: "2016", value: 3, color: "#4e79a7" },
 * ]); // '<svg class="bar-chart" …><rect … width="710" …/>…</svg>'
 */
export function barChartSvg(title: string, bars: readonly Bar[]): string {
  const labelWidth = labelColumnWidth(bars.map((bar) => bar.label));
  const barArea = CHART.width - labelWidth - CHART.valueSpace;
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const length = barScale(max, barArea);
  const height = bars.length * CHART.row + 8;
  const rows = bars.map((bar, index) => {
    const y = 4 + index * CHART.row;
    const middle = y + CHART.row / 2;
    const shown = bar.value === null ? "null" : formatNumber(bar.value);
    const width = bar.value === null ? 0 : length(bar.value);
    const rect =
      bar.value === null
        ? ""
        : `<rect x="${labelWidth}" y="${y + (CHART.row - CHART.bar) / 2}" width="${width}" height="${CHART.bar}" rx="2" fill="${escapeHtml(bar.color)}"/>`;
    return (
      `<g><title>${escapeHtml(`${bar.label}: ${shown}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${middle}" text-anchor="end" dominant-baseline="central">${escapeHtml(chartLabel(bar.label))}</text>` +
      rect +
      `<text x="${labelWidth + width + 6}" y="${middle}" dominant-baseline="central" class="${bar.value === null ? "value null" : "value"}">${shown}</text></g>`
    );
  });
  return (
    `<svg class="bar-chart" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<line class="axis" x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}"/>` +
    rows.join("") +
    "</svg>"
  );
}
