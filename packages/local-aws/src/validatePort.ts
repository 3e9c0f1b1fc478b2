/**
 * Checks a requested TCP port: an integer in 0..65535, where 0 (the default) asks the OS for a free one.
 *
 * @example
 * ```ts
 * validatePort(undefined); // 0
 * validatePort(4568); // 4568
 * validatePort(70000); // throws RangeError
 * ```
 */
export function validatePort(port: number | undefined): number {
  const value = port ?? 0;
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new RangeError(`port must be an integer in 0..65535, got ${String(port)}`);
  }
  return value;
}
