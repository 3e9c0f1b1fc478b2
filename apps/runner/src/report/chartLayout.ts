/**
 * Shared geometry of the report's horizontal bar charts, in SVG user units (CSS pixels).
 *
 * @example
 * const barArea = CHART.width - labelColumnWidth(labels) - CHART.valueSpace; // the longest bar
 */
export const CHART = {
  /** Total width of a chart. */
  width: 880,
  /** Height of one bar row, bar plus gap. */
  row: 24,
  /** Height of a bar. */
  bar: 16,
  /** Room kept right of the longest bar for its value. */
  valueSpace: 110,
  /** Rough width of one label character at the chart font size, to size the label column. */
  charWidth: 6.8,
  /** Longest label shown in full, in characters; longer ones are cut with "…" (hover shows all). */
  maxLabelChars: 36,
} as const;

/**
 * A label cut to {@link CHART.maxLabelChars} characters (by code point, so emoji stay whole).
 *
 * @example
 * chartLabel("Chad · art"); // "Chad · art"
 * chartLabel("x".repeat(50)).length; // 36
 */
export function chartLabel(label: string): string {
  const chars = Array.from(label);
  return chars.length <= CHART.maxLabelChars ? label : `${chars.slice(0, CHART.maxLabelChars - 1).join("")}…`;
}

/**
 * Width of the label column for these labels: wide enough for the longest (as cut by
 * {@link chartLabel}), at least 60.
 *
 * @example
 * labelColumnWidth(["18-24", "+50"]); // 60
 */
export function labelColumnWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((label) => Array.from(chartLabel(label)).length));
  return Math.max(60, Math.ceil(longest * CHART.charWidth) + 12);
}
