/**
 * A linear scale from values to bar lengths: `max` maps to `fullLength`, 0 to 0. Values at or
 * below 0 (none occur in counts and medians) get no bar; values above `max` are capped. When
 * `max` is 0 or less every bar is empty. Lengths are rounded to 0.01 so the SVG text is short and
 * stable.
 *
 * @example
 * const length = barScale(200, 500);
 * length(200); // 500
 * length(50); // 125
 * barScale(0, 500)(0); // 0
 */
export function barScale(max: number, fullLength: number): (value: number) => number {
  return (value) => {
    if (!(max > 0) || !(value > 0)) return 0;
    return Math.round((Math.min(value, max) / max) * fullLength * 100) / 100;
  };
}
