import { formatNumber } from "./formatNumber";
import type { ResultValue } from "./parseResultRows";

/**
 * A result value as plain (unescaped) text: numbers grouped (`15,000,000`), `null` as "null".
 * Years are numbers too but read as names, so columns named like `*_year` are not grouped.
 *
 * @example
 * formatCell("follower_count", 15000000); // "15,000,000"
 * formatCell("post_year", 2018); // "2018"
 * formatCell("country", null); // "null"
 */
export function formatCell(column: string, value: ResultValue): string {
  if (value === null) return "null";
  if (typeof value === "number") return isYearColumn(column) ? String(value) : formatNumber(value);
  return String(value);
}

/**
 * Whether a column holds years (`post_year`, `join_year`): printed without digit grouping.
 *
 * @example
 * isYearColumn("post_year"); // true
 */
export function isYearColumn(column: string): boolean {
  return column === "year" || column.endsWith("_year");
}
