import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignedWindowsContaining, assignWindows, hopping, MAX_WINDOWS_PER_RECORD } from "../../src/windows";

describe("hopping", () => {
  it("puts a record in every window [k*advance, k*advance + size) holding it, earliest first", () => {
    expect(assignWindows(hopping(60_000, 20_000), 70_000)).toEqual([
      { start: 20_000, end: 80_000 },
      { start: 40_000, end: 100_000 },
      { start: 60_000, end: 120_000 },
    ]);
    // A record on a window boundary belongs to the window starting there, not the one ending there.
    expect(assignWindows(hopping(30, 10), 20)).toEqual([
      { start: 0, end: 30 },
      { start: 10, end: 40 },
      { start: 20, end: 50 },
    ]);
  });

  it("handles a size that is not a multiple of the advance", () => {
    // windows [0,25), [10,35), [20,45): 22 is in all three, 30 in the last two
    expect(assignWindows(hopping(25, 10), 22)).toEqual([
      { start: 0, end: 25 },
      { start: 10, end: 35 },
      { start: 20, end: 45 },
    ]);
    expect(assignWindows(hopping(25, 10), 30)).toEqual([
      { start: 10, end: 35 },
      { start: 20, end: 45 },
      { start: 30, end: 55 },
    ]);
  });

  it("equals tumbling windows when advance equals size", () => {
    expect(assignWindows(hopping(100, 100), 250)).toEqual([{ start: 200, end: 300 }]);
  });

  it("returns exactly the aligned windows containing the time (property, against brute force)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: -1_000, max: 1_000 }),
        (advance, extra, time) => {
          const size = advance + extra - 1;
          const expected = [];
          for (let k = -2_100; k <= 2_100; k++) {
            const start = k * advance;
            if (start <= time && time < start + size) expected.push({ start, end: start + size });
          }
          expect(alignedWindowsContaining(time, size, advance)).toEqual(expected);
        },
      ),
    );
  });

  it("rejects a zero or negative size or advance, and an advance larger than the size", () => {
    expect(() => hopping(0, 1)).toThrow(RangeError);
    expect(() => hopping(10, 0)).toThrow(RangeError);
    expect(() => hopping(10, -5)).toThrow(RangeError);
    expect(() => hopping(10, 2.5)).toThrow(RangeError);
    expect(() => hopping(10, 20)).toThrow(/must not exceed its size/);
  });

  it("rejects configurations that would put too many windows on one record", () => {
    expect(() => hopping(MAX_WINDOWS_PER_RECORD * 2, 2)).not.toThrow();
    expect(() => hopping(MAX_WINDOWS_PER_RECORD * 2 + 2, 2)).toThrow(/windows/);
  });

  it("refuses event times beyond the safe integer range instead of looping", () => {
    expect(() => alignedWindowsContaining(1e300, 10, 5)).toThrow(RangeError);
  });
});
