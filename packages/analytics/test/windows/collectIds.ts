import type { Accumulator } from "../../src/windows";

/**
 * Test accumulator that keeps the ids it was given (sorted), so a test can see exactly which
 * records a window counted. Also exercises the custom-accumulator extension point.
 */
export function collectIds(): Accumulator<number[], number[]> {
  return {
    name: "collectIds",
    init: () => [],
    add: (state, value) => {
      state.push(value as number);
      return state;
    },
    merge: (a, b) => [...a, ...b],
    result: (state) => [...state].sort((x, y) => x - y),
    isState: (value): value is number[] => Array.isArray(value) && value.every((x) => typeof x === "number"),
  };
}
