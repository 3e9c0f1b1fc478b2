import { describeValue } from "../describeValue";
import type { Accumulator } from "./accumulator";
import { finiteNumber } from "./finiteNumber";

/**
 * Exact quantile with the "lower" rule: over the `n` finite numbers added, sorted ascending, the
 * `q`-quantile is the value at index `floor(q * (n - 1))` (0-based). It is always one of the
 * values (no interpolation), so `quantile(0.5)` is the lower of the two middle values when `n`
 * is even, matching the batch queries' lower median; `quantile(0)` is the minimum and
 * `quantile(1)` the maximum. Non-finite values are skipped; with no number the result is `null`.
 *
 * State: every added number, sorted ascending (exact, so memory grows with the window).
 * Supports `remove`.
 *
 * @throws RangeError when `q` is not a number in [0, 1].
 * @example
 * const acc = quantile(0.9);
 * let state = acc.init();
 * for (const x of [5, 1, 4, 2, 3, 9, 8, 7, 6, 10]) state = acc.add(state, x);
 * acc.result(state); // 9 (index floor(0.9 * 9) = 8 of [1..10])
 */
export function quantile(q: number): Accumulator<number[], number | null> {
  if (typeof q !== "number" || !(q >= 0 && q <= 1)) {
    throw new RangeError(`quantile must be a number in [0, 1], got ${describeValue(q)}`);
  }
  return sortedValuesQuantile(`quantile(${q})`, q);
}

/**
 * The quantile accumulator under a given name (shared by `quantile` and `median`).
 *
 * @example
 * sortedValuesQuantile("median", 0.5).name; // "median"
 */
export function sortedValuesQuantile(name: string, q: number): Accumulator<number[], number | null> {
  return {
    name,
    init: () => [],
    add: (state, value) => {
      const x = finiteNumber(value);
      if (x !== undefined) state.splice(firstIndexAbove(state, x), 0, x);
      return state;
    },
    remove: (state, value) => {
      const x = finiteNumber(value);
      if (x === undefined) return state;
      const at = firstIndexAbove(state, x) - 1;
      if (at < 0 || state[at] !== x) throw new RangeError(`${name}: cannot remove ${x}, it was never added`);
      state.splice(at, 1);
      return state;
    },
    merge: mergeSorted,
    result: (state) => (state.length === 0 ? null : (state[Math.floor(q * (state.length - 1))] ?? null)),
    isState: isSortedFiniteArray,
  };
}

/** Index of the first element greater than `x` in an ascending array (binary search). */
function firstIndexAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) <= (b[j] as number) ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function isSortedFiniteArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (typeof x !== "number" || !Number.isFinite(x)) return false;
    if (i > 0 && (value[i - 1] as number) > x) return false;
  }
  return true;
}
