import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { sum } = accumulators;

describe("sum", () => {
  it("adds finite numbers and skips everything else", () => {
    const acc = sum();
    let state = acc.init();
    for (const value of [2, null, 5.5, "10", Number.NaN, Number.POSITIVE_INFINITY, -1])
      state = acc.add(state, value);
    expect(acc.result(state)).toBe(6.5);
  });

  it("is 0 when no number was added", () => {
    const acc = sum();
    expect(acc.result(acc.add(acc.init(), null))).toBe(0);
  });

  it("removes a value by subtracting it, skipping the same junk add skips", () => {
    const acc = sum();
    const state = acc.add(acc.add(acc.init(), 4), 3);
    expect(acc.result(acc.remove?.(state, 3) ?? state)).toBe(4);
    expect(acc.result(acc.remove?.(acc.add(acc.init(), 4), "junk") ?? Number.NaN)).toBe(4);
  });

  it("recognises only finite numbers as states", () => {
    const acc = sum();
    expect([0, -2.5].map(acc.isState)).toEqual([true, true]);
    expect([Number.NaN, Number.POSITIVE_INFINITY, "1", null].map(acc.isState)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
