import { formatNumber } from "./formatNumber";

const UNITS = ["kB", "MB", "GB", "TB"] as const;

/**
 * A byte size in SI units with one decimal (`1.2 MB`); sizes below 1000 stay in bytes.
 *
 * @example
 * formatBytes(999); // "999 B"
 * formatBytes(1_234_567); // "1.2 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  // 999.95 would print as "1000.0": move up a unit before that.
  while (value >= 999.95 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
