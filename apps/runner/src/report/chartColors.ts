/**
 * Bar colors, distinguishable from each other and readable on white; a chart colors its groups in
 * this order and starts over after the last.
 *
 * @example
 * CHART_COLORS[0]; // "#4e79a7"
 */
export const CHART_COLORS: readonly string[] = Object.freeze([
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#2f6690",
  "#a0cb8b",
  "#d37295",
]);

/**
 * A color per distinct key, given in order of first appearance, so equal keys (one category in
 * several countries) share a color.
 *
 * @example
 * colorsByKey(["art", "travel", "art"]); // ["#4e79a7", "#f28e2b", "#4e79a7"]
 */
export function colorsByKey(keys: readonly string[]): string[] {
  const assigned = new Map<string, string>();
  return keys.map((key) => {
    let color = assigned.get(key);
    if (color === undefined) {
      color = CHART_COLORS[assigned.size % CHART_COLORS.length]!;
      assigned.set(key, color);
    }
    return color;
  });
}
