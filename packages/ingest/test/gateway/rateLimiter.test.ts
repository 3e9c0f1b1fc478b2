import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/gateway/rateLimiter";

describe("createRateLimiter", () => {
  it("lets a burst through, refuses the next request and says when to come back", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 500; // half a second refills one token at 2/s
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("keeps one bucket per client", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => 0 });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("never holds more than the burst, however long a client was idle", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 2, now: () => now });
    limiter.take("a");
    now = 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, false]);
  });

  it("forgets idle clients once it remembers too many, without changing a verdict", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => now, maxClients: 2 });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
    now = 1000;
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("refuses settings that would let nothing or everything through", () => {
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ ratePerSecond: Number.NaN })).toThrow(RangeError);
    expect(() => createRateLimiter({ ratePerSecond: 1, burst: 0.5 })).toThrow(RangeError);
  });
});
