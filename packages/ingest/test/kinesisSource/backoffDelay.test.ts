import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/index";

describe("backoffDelay", () => {
  it("doubles from baseMs up to maxMs, with half of each step random", () => {
    const options = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
  });

  it("stays within [step/2, step] for any attempt and jitter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, baseMs, extra, jitter) => {
          const maxMs = baseMs + extra;
          const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 60));
          const delay = backoffDelay(attempt, { baseMs, maxMs }, () => jitter);
          return delay >= Math.floor(step / 2) && delay <= Math.ceil(step) && delay <= maxMs;
        },
      ),
    );
  });

  it("rejects attempts below 1", () => {
    expect(() => backoffDelay(0, { baseMs: 1, maxMs: 2 })).toThrow(RangeError);
    expect(() => backoffDelay(1.5, { baseMs: 1, maxMs: 2 })).toThrow(RangeError);
  });
});
