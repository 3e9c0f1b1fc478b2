import { barScale } from "./barScale";
import { CHART, chartLabel, labelColumnWidth } from "./chartLayout";
import { escapeHtml } from "./escapeHtml";
import { formatNumber } from "./formatNumber";

/** One part of a {@link StackedBar}. */
export interface BarSegment {
  readonly name: string;
  readonly value: number;
  readonly color: string;
}

/** One row of {@link stackedBarChartSvg}: segments drawn left to right. */
export interface StackedBar {
  readonly label: string;
  readonly segments: readonly BarSegment[];
}

const LEGEND_HEIGHT = 24;

/**
 * An inline SVG chart of horizontal stacked bars with a legend (segment names and colors from the
 * first row): the row with the largest total spans the full bar area, every segment is scaled
 * alike, and each row's total is printed after it. Hovering a segment shows its name and value.
 *
 * @example
 * stackedBarChartSvg("Records per table", [
 *   { label: "pin", segments: [{ name: "clean", value: 90, color: "#59a14f" }, { name: "rejected", value: 10, color: "#e15759" }] },
 * ]); // '<svg class="stacked-chart" …>…</svg>'
 */
export function stackedBarChartSvg(title: string, bars: readonly StackedBar[]): string {
  const labelWidth = labelColumnWidth(bars.map((bar) => bar.label));
  const barArea = CHART.width - labelWidth - CHART.valueSpace;
  const totals = bars.map((bar) =>
    bar.segments.reduce((sum, segment) => sum + Math.max(0, segment.value), 0),
  );
  const length = barScale(Math.max(0, ...totals), barArea);
  const height = LEGEND_HEIGHT + bars.length * CHART.row + 8;
  let legendX = labelWidth;
  const legend = (bars[0]?.segments ?? []).map((segment) => {
    const item =
      `<rect x="${legendX}" y="4" width="12" height="12" rx="2" fill="${escapeHtml(segment.color)}"/>` +
      `<text x="${legendX + 16}" y="10" dominant-baseline="central">${escapeHtml(segment.name)}</text>`;
    legendX += 16 + Math.ceil(Array.from(segment.name).length * CHART.charWidth) + 18;
    return item;
  });
  const rows = bars.map((bar, index) => {
    const y = LEGEND_HEIGHT + 4 + index * CHART.row;
    const middle = y + CHART.row / 2;
    let cumulative = 0;
    const rects = bar.segments.map((segment) => {
      // Scale the running sum, not each part, so rounding never pushes the row past its total.
      const start = length(cumulative);
      cumulative += Math.max(0, segment.value);
      const width = Math.round((length(cumulative) - start) * 100) / 100;
      return (
        `<rect x="${Math.round((labelWidth + start) * 100) / 100}" y="${y + (CHART.row - CHART.bar) / 2}" width="${width}" height="${CHART.bar}" fill="${escapeHtml(segment.color)}">` +
        `<title>${escapeHtml(`${bar.label} ${segment.name}: ${formatNumber(segment.value)}`)}</title></rect>`
      );
    });
    const end = Math.round((labelWidth + length(cumulative)) * 100) / 100;
    return (
      `<g><text x="${labelWidth - 8}" y="${middle}" text-anchor="end" dominant-baseline="central">${escapeHtml(chartLabel(bar.label))}</text>` +
      rects.join("") +
      `<text x="${end + 6}" y="${middle}" dominant-baseline="central" class="value">${formatNumber(totals[index]!)}</text></g>`
    );
  });
  return (
    `<svg class="stacked-chart" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-label="${escapeHtml(title)}">` +
    legend.join("") +
    `<line class="axis" x1="${labelWidth}" y1="${LEGEND_HEIGHT}" x2="${labelWidth}" y2="${height}"/>` +
    rows.join("") +
    "</svg>"
  );
}
