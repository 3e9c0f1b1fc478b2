import type { Accumulator } from "./accumulator";

/**
 * Counts the records of a window (every added value counts, null included). State: the count.
 * Supports `remove`.
 *
 * @example
 * const acc = count();
 * acc.result(acc.add(acc.add(acc.init(), 1), null)); // 2
 */
export function count(): Accumulator<number, number> {
  return {
    name: "count",
    init: () => 0,
    add: (state) => state + 1,
    remove: (state) => {
      if (state <= 0) throw new RangeError("count: cannot remove from an empty count");
      return state - 1;
    },
    merge: (a, b) => a + b,
    result: (state) => state,
    isState: (value): value is number => Number.isSafeInteger(value) && (value as number) >= 0,
  };
}
