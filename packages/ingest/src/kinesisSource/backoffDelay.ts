/**
 * Capped exponential backoff settings, in milliseconds.
 *
 * @example
 * ```ts
 * const backoff: BackoffOptions = { baseMs: 100, maxMs: 10_000 };
 * ```
 */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). */
  readonly baseMs: number;
  /** Upper bound of any delay. */
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): `min(maxMs, baseMs * 2^(attempt-1))`,
 * then "equal jitter" — half of it fixed, half random — so many throttled readers do not retry in
 * lockstep while each still waits at least half the step.
 *
 * @example
 * ```ts
 * backoffDelay(1, { baseMs: 100, maxMs: 1000 }, () => 0); // 50
 * backoffDelay(3, { baseMs: 100, maxMs: 1000 }, () => 1); // 400
 * backoffDelay(9, { baseMs: 100, maxMs: 1000 }, () => 1); // 1000
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt - 1, 52));
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * jitter);
}

/**
 * Checks backoff settings: finite, non-negative, `baseMs ≤ maxMs`.
 *
 * @example
 * ```ts
 * validateBackoff({ baseMs: 10, maxMs: 5 }); // throws RangeError
 * ```
 */
export function validateBackoff(options: BackoffOptions): BackoffOptions {
  const { baseMs, maxMs } = options;
  if (!Number.isFinite(baseMs) || !Number.isFinite(maxMs) || baseMs < 0 || maxMs < baseMs) {
    throw new RangeError(`backoff needs 0 ≤ baseMs ≤ maxMs (finite), got ${baseMs} and ${maxMs}`);
  }
  return options;
}
