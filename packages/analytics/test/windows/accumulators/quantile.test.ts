import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { quantile } = accumulators;

/** Reference: sort the finite numbers, take index floor(q * (n - 1)). */
function sortedReference(values: readonly unknown[], q: number): number | null {
  const finite = values
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
    .map((v) => v + 0)
    .sort((a, b) => a - b);
  return finite.length === 0 ? null : (finite[Math.floor(q * (finite.length - 1))] as number);
}

describe("quantile", () => {
  it("uses the lower rule: index floor(q * (n - 1)) of the sorted values", () => {
    const acc = quantile(0.9);
    let state = acc.init();
    for (const x of [5, 1, 4, 2, 3, 9, 8, 7, 6, 10]) state = acc.add(state, x);
    expect(acc.result(state)).toBe(9); // floor(0.9 * 9) = 8 → 9
    expect(quantile(0).result(state)).toBe(1);
    expect(quantile(1).result(state)).toBe(10);
    expect(quantile(0.5).result(state)).toBe(5); // lower of the middle pair 5 and 6
  });

  it("equals a sort-based reference for any values and q (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(null, "3", undefined)), {
          maxLength: 60,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const acc = quantile(q);
          const state = values.reduce((s: number[], v) => acc.add(s, v), acc.init());
          expect(acc.result(state)).toBe(sortedReference(values, q));
        },
      ),
    );
  });

  it("is null without finite numbers", () => {
    const acc = quantile(0.5);
    expect(acc.result(acc.add(acc.init(), Number.NaN))).toBeNull();
  });

  it("removes one occurrence of a value and refuses values never added", () => {
    const acc = quantile(1);
    const state = [3, 3, 8].reduce((s: number[], v) => acc.add(s, v), acc.init());
    expect(acc.remove?.(state, 8)).toEqual([3, 3]);
    expect(() => acc.remove?.([3, 3], 4)).toThrow(/never added/);
  });

  it("keeps its state sorted and rejects unsorted or non-finite states", () => {
    const acc = quantile(0.5);
    expect(acc.isState([1, 2, 2, 5])).toBe(true);
    expect(acc.isState([2, 1])).toBe(false);
    expect(acc.isState([1, null])).toBe(false);
    expect(acc.isState({ 0: 1 })).toBe(false);
  });

  it("rejects q outside [0, 1]", () => {
    for (const q of [-0.1, 1.1, Number.NaN]) expect(() => quantile(q)).toThrow(RangeError);
  });
});
