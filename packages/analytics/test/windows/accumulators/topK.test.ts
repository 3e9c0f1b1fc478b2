import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulators, type TopKValue } from "../../../src/windows";

const { topK } = accumulators;

function topOf(k: number, values: readonly unknown[]) {
  const acc = topK(k);
  return acc.result(values.reduce((s: Record<string, number>, v) => acc.add(s, v), acc.init()));
}

describe("topK", () => {
  it("returns the k most frequent values with their counts, most frequent first", () => {
    expect(topOf(2, ["art", "diy", "art", "food", "diy", "art"])).toEqual([
      { value: "art", count: 3 },
      { value: "diy", count: 2 },
    ]);
  });

  it("breaks ties by value: booleans, then numbers ascending, then strings", () => {
    expect(topOf(10, ["b", 10, true, "a", 9, false])).toEqual([
      { value: false, count: 1 },
      { value: true, count: 1 },
      { value: 9, count: 1 },
      { value: 10, count: 1 },
      { value: "a", count: 1 },
      { value: "b", count: 1 },
    ]);
  });

  it("keeps 1 and '1' apart and skips null, undefined, NaN and objects", () => {
    expect(topOf(5, [1, "1", "1", null, undefined, Number.NaN, { a: 1 }, [1]])).toEqual([
      { value: "1", count: 2 },
      { value: 1, count: 1 },
    ]);
  });

  it("does not depend on the order values arrive in (property)", () => {
    const value = fc.oneof(fc.constantFrom("a", "b", "c", "d"), fc.integer({ min: 0, max: 4 }), fc.boolean());
    fc.assert(
      fc.property(
        fc
          .array(value, { maxLength: 40 })
          .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          expect(topOf(3, shuffled)).toEqual(topOf(3, xs));
        },
      ),
    );
  });

  it("counts like a reference tally (property)", () => {
    const value = fc.oneof(fc.constantFrom("x", "y"), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (xs) => {
        const tally = new Map<TopKValue, number>();
        for (const x of xs) tally.set(x, (tally.get(x) ?? 0) + 1);
        const result = topOf(100, xs);
        expect(result).toHaveLength(tally.size);
        for (const { value: v, count } of result) expect(count).toBe(tally.get(v));
        for (let i = 1; i < result.length; i++) {
          expect(result[i - 1]?.count).toBeGreaterThanOrEqual(result[i]?.count ?? 0);
        }
      }),
    );
  });

  it("refuses to remove a value it never counted", () => {
    const acc = topK(1);
    expect(() => acc.remove?.(acc.add(acc.init(), "a"), "b")).toThrow(/never added/);
  });

  it("rejects states whose keys are not the JSON text of a countable value", () => {
    const acc = topK(1);
    expect(acc.isState({ '"a"': 2, "3": 1, true: 1 })).toBe(true);
    expect(acc.isState({ a: 2 })).toBe(false);
    expect(acc.isState({ '"a"': 0 })).toBe(false);
    expect(acc.isState({ null: 1 })).toBe(false);
    expect(acc.isState(JSON.parse('{"__proto__": 1}'))).toBe(false);
    expect(acc.isState([])).toBe(false);
  });

  it("rejects k that is not a positive integer", () => {
    for (const k of [0, -1, 1.5, Number.NaN]) expect(() => topK(k)).toThrow(RangeError);
  });
});
