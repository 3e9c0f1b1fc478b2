import { CliError } from "../command";

/**
 * Reads an integer option in `[min, max]`, or `fallback` when absent; anything else is a usage
 * error (exit code 2) naming the option.
 *
 * @throws {CliError} when the value is not an integer in range.
 * @example
 * integerOption("stream", "batch-records", "500", 1, 100_000, 1_000); // 500
 */
export function integerOption<F extends number | undefined>(
  command: string,
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  fallback: F,
): number | F {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new CliError(
      `pinpipe ${command}: --${name} must be an integer from ${min} to ${max}, got "${value}"`,
      2,
    );
  }
  return parsed;
}

/**
 * Reads a finite number option greater than `exclusiveMin` (and at most `max`), or `fallback`.
 *
 * @throws {CliError} when the value is not such a number.
 * @example
 * numberOption("stream", "until-idle", "2.5", 0, 86_400, undefined); // 2.5
 */
export function numberOption<F extends number | undefined>(
  command: string,
  name: string,
  value: string | undefined,
  exclusiveMin: number,
  max: number,
  fallback: F,
): number | F {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed <= exclusiveMin || parsed > max) {
    throw new CliError(
      `pinpipe ${command}: --${name} must be a number above ${exclusiveMin} and at most ${max}, got "${value}"`,
      2,
    );
  }
  return parsed;
}
