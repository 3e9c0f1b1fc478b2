import type { Accumulator } from "./accumulator";
import { finiteNumber } from "./finiteNumber";

/**
 * Sums the finite numbers added; other values (null, NaN, strings …) are skipped. State: the
 * running sum (a float: like any float sum, very large or mixed-magnitude inputs round).
 * Supports `remove`. The sum of no numbers is 0.
 *
 * @example
 * const acc = sum();
 * acc.result(acc.add(acc.add(acc.add(acc.init(), 2), null), 5)); // 7
 */
export function sum(): Accumulator<number, number> {
  return {
    name: "sum",
    init: () => 0,
    add: (state, value) => state + (finiteNumber(value) ?? 0),
    remove: (state, value) => state - (finiteNumber(value) ?? 0),
    merge: (a, b) => a + b,
    result: (state) => state,
    isState: (value): value is number => typeof value === "number" && Number.isFinite(value),
  };
}
