import { describe, expect, it } from "vitest";
import { RetryClock } from "../../src/emulate/retryClock";

describe("RetryClock", () => {
  it("waits the backoff steps and counts the failed attempts", async () => {
    const clock = new RetryClock({ retryForMs: 60_000, backoff: { baseMs: 1, maxMs: 4 }, random: () => 0 });
    expect(clock.failedAttempts).toBe(0);
    await clock.pause("503");
    await clock.pause("503");
    expect(clock.failedAttempts).toBe(2);
  });

  it("gives up with the last reason once the next wait would pass the deadline", async () => {
    const clock = new RetryClock({ retryForMs: 0, backoff: { baseMs: 100, maxMs: 100 } });
    await expect(clock.pause("503 Service Unavailable")).rejects.toThrow(
      /^gave up after 1 attempt\(s\) in [\d.]+ s: 503 Service Unavailable$/,
    );
  });

  it("refuses a policy that is not finite, non-negative milliseconds", () => {
    for (const policy of [
      { retryForMs: 1_000, backoff: { baseMs: Number.NaN, maxMs: 1 } },
      { retryForMs: 1_000, backoff: { baseMs: 10, maxMs: 5 } },
      { retryForMs: 1_000, backoff: { baseMs: -1, maxMs: 5 } },
      { retryForMs: -1, backoff: { baseMs: 1, maxMs: 5 } },
      { retryForMs: Number.POSITIVE_INFINITY, backoff: { baseMs: 1, maxMs: 5 } },
    ]) {
      expect(() => new RetryClock(policy), JSON.stringify(policy)).toThrow(RangeError);
    }
  });
});
