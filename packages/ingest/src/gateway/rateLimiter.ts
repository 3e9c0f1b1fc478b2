/**
 * Options of {@link createRateLimiter}.
 *
 * @example
 * const options: RateLimiterOptions = { ratePerSecond: 100, burst: 200 };
 */
export interface RateLimiterOptions {
  /** Requests per second each client may make on average. */
  readonly ratePerSecond: number;
  /** Requests a client may make at once after being idle (default: one second's worth, at least 1). */
  readonly burst?: number;
  /** Clock in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** Most clients remembered; beyond it, clients whose bucket is full again are forgotten (default 10000). */
  readonly maxClients?: number;
}

/**
 * A verdict of {@link RateLimiter.take}: allowed, or refused with the seconds until a token is back.
 *
 * @example
 * const verdict: RateVerdict = { allowed: false, retryAfterSeconds: 1 };
 */
export type RateVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Per-client token buckets, as API Gateway's usage-plan throttling: each client (an API key's name, or
 * an address without keys) has a bucket of `burst` tokens refilled at `ratePerSecond`; a request takes
 * one token or is refused.
 *
 * @example
 * const limiter: RateLimiter = createRateLimiter({ ratePerSecond: 10 });
 * limiter.take("producers").allowed; // true
 */
export interface RateLimiter {
  take(client: string): RateVerdict;
}

/**
 * Creates a {@link RateLimiter}; time comes from `options.now`, so tests drive it without waiting.
 *
 * @throws {RangeError} when the rate or burst is not positive.
 * @example
 * let now = 0;
 * const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2, now: () => now });
 * [limiter.take("a").allowed, limiter.take("a").allowed, limiter.take("a").allowed]; // [true, true, false]
 * now = 1000;
 * limiter.take("a").allowed; // true
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.ratePerSecond;
  if (!(Number.isFinite(rate) && rate > 0))
    throw new RangeError(`ratePerSecond must be positive, got ${rate}`);
  const burst = options.burst ?? Math.max(1, rate);
  if (!(Number.isFinite(burst) && burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, time: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) / 1000) * rate);
    bucket.at = time;
  };
  return {
    take(client) {
      const time = now();
      let bucket = buckets.get(client);
      if (bucket === undefined) {
        if (buckets.size >= maxClients) {
          // A full bucket holds no state worth keeping: forgetting it changes no verdict.
          for (const [name, other] of buckets) {
            refill(other, time);
            if (other.tokens >= burst) buckets.delete(name);
          }
        }
        bucket = { tokens: burst, at: time };
        buckets.set(client, bucket);
      } else {
        refill(bucket, time);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
  };
}
