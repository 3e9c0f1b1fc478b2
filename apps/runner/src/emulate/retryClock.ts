import { type BackoffOptions, backoffDelay } from "@pinpipe/ingest";

/**
 * How long and how an emulator sink retries one request: capped exponential backoff with jitter,
 * for at most `retryForMs` after its first attempt.
 *
 * @example
 * const policy: RetryPolicy = { retryForMs: 60_000, backoff: { baseMs: 100, maxMs: 5_000 } };
 */
export interface RetryPolicy {
  readonly retryForMs: number;
  readonly backoff: BackoffOptions;
  /** Source of jitter in [0, 1) (tests). */
  readonly random?: () => number;
}

/**
 * Paces the retries of one request: each `pause` waits the next backoff step, or throws once that
 * wait would end past the retry deadline, so a dead server fails the run in bounded time.
 *
 * @throws {RangeError} from the constructor for a policy that is not finite, non-negative milliseconds.
 * @example
 * const clock = new RetryClock({ retryForMs: 60_000, backoff: { baseMs: 100, maxMs: 5_000 } });
 * await clock.pause("503 Service Unavailable"); // waits 50..100 ms
 */
export class RetryClock {
  private failures = 0;
  private readonly started = performance.now();

  /** @throws {RangeError} unless `0 <= baseMs <= maxMs` and `retryForMs >= 0`, all finite. */
  constructor(private readonly policy: RetryPolicy) {
    const { retryForMs, backoff } = policy;
    const finite = [retryForMs, backoff.baseMs, backoff.maxMs].every(Number.isFinite);
    if (!finite || retryForMs < 0 || backoff.baseMs < 0 || backoff.maxMs < backoff.baseMs) {
      throw new RangeError(
        `retry policy needs 0 <= baseMs <= maxMs and retryForMs >= 0, got ${backoff.baseMs}, ${backoff.maxMs} and ${retryForMs}`,
      );
    }
  }

  /** Attempts that failed so far. @example clock.failedAttempts; // 0 */
  get failedAttempts(): number {
    return this.failures;
  }

  /**
   * Waits before the next attempt after one that failed for `reason`.
   *
   * @throws {Error} "gave up after <n> attempts in <s> s: <reason>" when the wait would pass the deadline.
   * @example
   * await clock.pause("connection failed (ECONNREFUSED)");
   */
  async pause(reason: string): Promise<void> {
    this.failures++;
    const delayMs = backoffDelay(this.failures, this.policy.backoff, this.policy.random);
    const elapsedMs = performance.now() - this.started;
    if (elapsedMs + delayMs > this.policy.retryForMs) {
      throw new Error(
        `gave up after ${this.failures} attempt(s) in ${(elapsedMs / 1000).toFixed(1)} s: ${reason}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
