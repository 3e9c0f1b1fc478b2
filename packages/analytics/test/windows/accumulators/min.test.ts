import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { min } = accumulators;

describe("min", () => {
  it("keeps the smallest finite number and skips everything else", () => {
    const acc = min();
    let state = acc.init();
    for (const value of [4, null, -2, Number.NEGATIVE_INFINITY, "-9", 7]) state = acc.add(state, value);
    expect(acc.result(state)).toBe(-2);
  });

  it("is null when no number was added, and merges with null as identity", () => {
    const acc = min();
    expect(acc.result(acc.add(acc.init(), "x"))).toBeNull();
    expect(acc.merge(null, 3)).toBe(3);
    expect(acc.merge(3, null)).toBe(3);
    expect(acc.merge(3, -1)).toBe(-1);
  });

  it("has no remove and recognises null or finite numbers as states", () => {
    const acc = min();
    expect(acc.remove).toBeUndefined();
    expect([null, 1.5].map(acc.isState)).toEqual([true, true]);
    expect([Number.NaN, "1", undefined].map(acc.isState)).toEqual([false, false, false]);
  });
});
