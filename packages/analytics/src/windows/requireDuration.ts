import { describeValue } from "./describeValue";

/**
 * Checks a window length in milliseconds: a positive safe integer, so that window starts
 * `k * length` are exact and windows of different records line up.
 *
 * @example
 * requirePositiveMilliseconds("size", 60_000); // 60000
 * requirePositiveMilliseconds("size", 0); // throws RangeError
 */
export function requirePositiveMilliseconds(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(
      `${name} must be a positive integer number of milliseconds, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Checks a tolerance in milliseconds (out-of-orderness, allowed lateness): a finite number >= 0.
 *
 * @example
 * requireNonNegativeMilliseconds("allowedLateness", 5_000); // 5000
 * requireNonNegativeMilliseconds("allowedLateness", -1); // throws RangeError
 */
export function requireNonNegativeMilliseconds(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of milliseconds >= 0, got ${describeValue(value)}`);
  }
  // -0 would serialize as 0; normalising keeps a restored operator identical to the original.
  return value + 0;
}
