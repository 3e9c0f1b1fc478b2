import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { max } = accumulators;

describe("max", () => {
  it("keeps the largest finite number and skips everything else", () => {
    const acc = max();
    let state = acc.init();
    for (const value of [4, null, -2, Number.POSITIVE_INFINITY, "90", 7]) state = acc.add(state, value);
    expect(acc.result(state)).toBe(7);
  });

  it("is null when no number was added, and merges with null as identity", () => {
    const acc = max();
    expect(acc.result(acc.init())).toBeNull();
    expect(acc.merge(null, -3)).toBe(-3);
    expect(acc.merge(-3, null)).toBe(-3);
    expect(acc.merge(-3, 2)).toBe(2);
  });

  it("has no remove and recognises null or finite numbers as states", () => {
    const acc = max();
    expect(acc.remove).toBeUndefined();
    expect([null, -1].map(acc.isState)).toEqual([true, true]);
    expect([Number.POSITIVE_INFINITY, [1]].map(acc.isState)).toEqual([false, false]);
  });
});
