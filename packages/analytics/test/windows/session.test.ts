import { describe, expect, it } from "vitest";
import { assignWindows, session } from "../../src/windows";

describe("session", () => {
  it("starts a record off in its own session [t, t + gap)", () => {
    expect(assignWindows(session(30_000), 90_000)).toEqual([{ start: 90_000, end: 120_000 }]);
  });

  it("rejects gaps that are not positive integers", () => {
    for (const gap of [0, -10, 0.5, Number.NaN]) expect(() => session(gap)).toThrow(RangeError);
    expect(() => session(0)).toThrow(/session gap must be a positive integer/);
  });
});
