/**
 * The value as a finite number, or `undefined` when it is not one (null, NaN, ±Infinity, strings
 * …): numeric aggregates skip such values, like SQL aggregates skip NULL. `-0` becomes `0` so
 * states are unchanged by a JSON round trip.
 *
 * @example
 * finiteNumber(3.5); // 3.5
 * finiteNumber("3.5"); // undefined
 * finiteNumber(Number.NaN); // undefined
 */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value + 0 : undefined;
}
