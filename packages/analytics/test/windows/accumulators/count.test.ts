import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { count } = accumulators;

describe("count", () => {
  it("counts every added value, null and junk included", () => {
    const acc = count();
    let state = acc.init();
    for (const value of [1, null, undefined, "x", Number.NaN]) state = acc.add(state, value);
    expect(acc.result(state)).toBe(5);
    expect(acc.result(acc.remove?.(state, 1) ?? state)).toBe(4);
  });

  it("refuses to remove from an empty count", () => {
    const acc = count();
    expect(() => acc.remove?.(acc.init(), 1)).toThrow(RangeError);
  });

  it("recognises only non-negative integers as states", () => {
    const acc = count();
    expect([0, 7].map(acc.isState)).toEqual([true, true]);
    expect([-1, 1.5, "3", null, Number.NaN].map(acc.isState)).toEqual([false, false, false, false, false]);
  });
});
