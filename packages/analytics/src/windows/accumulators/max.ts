import type { Accumulator } from "./accumulator";
import { finiteNumber } from "./finiteNumber";

/**
 * Largest finite number added (other values are skipped), or `null` when there is none.
 * State: that number or `null`. No `remove` (it would need every value kept).
 *
 * @example
 * const acc = max();
 * acc.result(acc.add(acc.add(acc.init(), 4), -2)); // 4
 */
export function max(): Accumulator<number | null, number | null> {
  return {
    name: "max",
    init: () => null,
    add: (state, value) => {
      const x = finiteNumber(value);
      if (x === undefined) return state;
      return state === null || x > state ? x : state;
    },
    merge: (a, b) => (a === null ? b : b === null ? a : Math.max(a, b)),
    result: (state) => state,
    isState: (value): value is number | null =>
      value === null || (typeof value === "number" && Number.isFinite(value)),
  };
}
