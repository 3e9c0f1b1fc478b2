import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Accumulator, accumulators, type JsonValue } from "../../../src/windows";

const { count, sum, min, max, quantile, median, topK } = accumulators;

function fold<S extends JsonValue, O>(acc: Accumulator<S, O>, values: readonly unknown[]): S {
  return values.reduce<S>((state, value) => acc.add(state, value), acc.init());
}

/** Values as streams send them: mostly integers (exact sums), plus junk numeric aggregates skip. */
const streamValue = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, "7", true) },
);
const values = fc.array(streamValue, { maxLength: 40 });

const cases: ReadonlyArray<{ readonly label: string; readonly make: () => Accumulator }> = [
  { label: "count", make: count },
  { label: "sum", make: sum },
  { label: "min", make: min },
  { label: "max", make: max },
  { label: "quantile(0.9)", make: () => quantile(0.9) },
  { label: "median", make: median },
  { label: "topK(3)", make: () => topK(3) },
];

describe.each(cases)("$label accumulator laws", ({ make }) => {
  it("merging the states of two parts gives the result of the whole", () => {
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const acc = make();
        expect(acc.result(acc.merge(fold(acc, xs), fold(acc, ys)))).toEqual(
          acc.result(fold(acc, [...xs, ...ys])),
        );
      }),
    );
  });

  it("merge is commutative and associative", () => {
    fc.assert(
      fc.property(values, values, values, (xs, ys, zs) => {
        const acc = make();
        const [a, b, c] = [fold(acc, xs), fold(acc, ys), fold(acc, zs)];
        expect(acc.result(acc.merge(a, b))).toEqual(acc.result(acc.merge(b, a)));
        expect(acc.result(acc.merge(acc.merge(a, b), c))).toEqual(acc.result(acc.merge(a, acc.merge(b, c))));
      }),
    );
  });

  it("init is the identity of merge", () => {
    fc.assert(
      fc.property(values, (xs) => {
        const acc = make();
        expect(acc.result(acc.merge(acc.init(), fold(acc, xs)))).toEqual(acc.result(fold(acc, xs)));
      }),
    );
  });

  it("merge leaves its inputs untouched", () => {
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const acc = make();
        const [a, b] = [fold(acc, xs), fold(acc, ys)];
        const [aText, bText] = [JSON.stringify(a), JSON.stringify(b)];
        acc.merge(a, b);
        expect([JSON.stringify(a), JSON.stringify(b)]).toEqual([aText, bText]);
      }),
    );
  });

  it("states survive a JSON round trip and are recognised by isState", () => {
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const acc = make();
        const restored = JSON.parse(JSON.stringify(fold(acc, xs)));
        expect(acc.isState(restored)).toBe(true);
        const continued = ys.reduce((state, y) => acc.add(state, y), restored);
        expect(acc.result(continued)).toEqual(acc.result(fold(acc, [...xs, ...ys])));
      }),
    );
  });
});

const removable: ReadonlyArray<{ readonly label: string; readonly make: () => Accumulator }> = [
  { label: "count", make: count },
  { label: "sum", make: sum },
  { label: "quantile(0.25)", make: () => quantile(0.25) },
  { label: "median", make: median },
  { label: "topK(2)", make: () => topK(2) },
];

describe.each(removable)("$label remove", ({ make }) => {
  it("add then remove of the same value is the identity", () => {
    fc.assert(
      fc.property(values, streamValue, (xs, y) => {
        const acc = make();
        const before = JSON.stringify(fold(acc, xs));
        const state = fold(acc, xs);
        expect(acc.remove).toBeDefined();
        expect(JSON.stringify(acc.remove?.(acc.add(state, y), y))).toBe(before);
      }),
    );
  });

  it("removing every added value gives back the initial state", () => {
    fc.assert(
      fc.property(values, (xs) => {
        const acc = make();
        let state = fold(acc, xs);
        for (const x of [...xs].reverse()) state = acc.remove?.(state, x) ?? state;
        expect(state).toEqual(acc.init());
      }),
    );
  });
});
