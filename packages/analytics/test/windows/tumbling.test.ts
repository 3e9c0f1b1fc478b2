import { describe, expect, it } from "vitest";
import { assignWindows, tumbling } from "../../src/windows";

describe("tumbling", () => {
  it("puts a record in the one epoch-aligned window [k*size, (k+1)*size) holding it", () => {
    expect(assignWindows(tumbling(60_000), 90_000)).toEqual([{ start: 60_000, end: 120_000 }]);
    expect(assignWindows(tumbling(60_000), 60_000)).toEqual([{ start: 60_000, end: 120_000 }]);
    expect(assignWindows(tumbling(60_000), 59_999)).toEqual([{ start: 0, end: 60_000 }]);
  });

  it("aligns times before the epoch downwards", () => {
    expect(assignWindows(tumbling(1_000), -1)).toEqual([{ start: -1_000, end: 0 }]);
    expect(assignWindows(tumbling(1_000), -1_000)).toEqual([{ start: -1_000, end: 0 }]);
  });

  it("handles fractional event times", () => {
    expect(assignWindows(tumbling(10), 9.5)).toEqual([{ start: 0, end: 10 }]);
  });

  it("rejects sizes that are not positive integers", () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tumbling(size)).toThrow(RangeError);
    }
    expect(() => tumbling(0)).toThrow(/size must be a positive integer/);
  });
});
