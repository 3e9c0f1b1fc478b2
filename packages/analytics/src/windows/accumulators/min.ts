import type { Accumulator } from "./accumulator";
import { finiteNumber } from "./finiteNumber";

/**
 * Smallest finite number added (other values are skipped), or `null` when there is none.
 * State: that number or `null`. No `remove` (it would need every value kept).
 *
 * @example
 * const acc = min();
 * acc.result(acc.add(acc.add(acc.init(), 4), -2)); // -2
 */
export function min(): Accumulator<number | null, number | null> {
  return {
    name: "min",
    init: () => null,
    add: (state, value) => {
      const x = finiteNumber(value);
      if (x === undefined) return state;
      return state === null || x < state ? x : state;
    },
    merge: (a, b) => (a === null ? b : b === null ? a : Math.min(a, b)),
    result: (state) => state,
    isState: (value): value is number | null =>
      value === null || (typeof value === "number" && Number.isFinite(value)),
  };
}
