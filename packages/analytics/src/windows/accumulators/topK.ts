import { describeValue } from "../describeValue";
import type { Accumulator } from "./accumulator";

/**
 * A value `topK` counts: strings, finite numbers and booleans.
 *
 * @example
 * const v: TopKValue = "travel";
 */
export type TopKValue = string | number | boolean;

/**
 * One entry of a `topK` result.
 *
 * @example
 * const entry: TopKEntry = { value: "travel", count: 12 };
 */
export interface TopKEntry {
  readonly value: TopKValue;
  readonly count: number;
}

/**
 * The `k` most frequent values with their counts, most frequent first. Ties are broken by value
 * so the result never depends on arrival order: booleans (false before true), then numbers
 * ascending, then strings in code-unit order. Values that are not a string, a finite number or a
 * boolean (null, undefined, NaN, objects) are skipped. `1` and `"1"` are different values.
 *
 * State: an object mapping each distinct value's JSON text to its count (exact, so memory grows
 * with the number of distinct values). Supports `remove`.
 *
 * @throws RangeError when `k` is not a positive integer.
 * @example
 * const acc = topK(2);
 * let state = acc.init();
 * for (const tag of ["art", "diy", "art", "food", "diy", "art"]) state = acc.add(state, tag);
 * acc.result(state); // [{ value: "art", count: 3 }, { value: "diy", count: 2 }]
 */
export function topK(k: number): Accumulator<Record<string, number>, TopKEntry[]> {
  if (!Number.isSafeInteger(k) || k <= 0)
    throw new RangeError(`topK needs a positive integer k, got ${describeValue(k)}`);
  return {
    name: `topK(${k})`,
    init: () => ({}),
    add: (state, value) => {
      const id = valueId(value);
      if (id !== undefined) state[id] = (Object.hasOwn(state, id) ? (state[id] as number) : 0) + 1;
      return state;
    },
    remove: (state, value) => {
      const id = valueId(value);
      if (id === undefined) return state;
      const n = Object.hasOwn(state, id) ? (state[id] as number) : 0;
      if (n <= 0) throw new RangeError(`topK: cannot remove ${id}, it was never added`);
      if (n === 1) delete state[id];
      else state[id] = n - 1;
      return state;
    },
    merge: (a, b) => {
      const out: Record<string, number> = { ...a };
      for (const [id, n] of Object.entries(b))
        out[id] = (Object.hasOwn(out, id) ? (out[id] as number) : 0) + n;
      return out;
    },
    result: (state) =>
      Object.entries(state)
        .map(([id, n]): TopKEntry => ({ value: JSON.parse(id) as TopKValue, count: n }))
        .sort((x, y) => y.count - x.count || compareTopKValues(x.value, y.value))
        .slice(0, k),
    isState: isTopKState,
  };
}

/** JSON text of a countable value, the key of the state object; `undefined` for skipped values. */
function valueId(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value + 0);
  return undefined;
}

const TYPE_RANK = { boolean: 0, number: 1, string: 2 } as const;

function compareTopKValues(a: TopKValue, b: TopKValue): number {
  const byType =
    TYPE_RANK[typeof a as keyof typeof TYPE_RANK] - TYPE_RANK[typeof b as keyof typeof TYPE_RANK];
  if (byType !== 0) return byType;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isTopKState(value: unknown): value is Record<string, number> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const [id, n] of Object.entries(value)) {
    if (!Number.isSafeInteger(n) || (n as number) <= 0) return false;
    let decoded: unknown;
    try {
      decoded = JSON.parse(id);
    } catch {
      return false;
    }
    // Each key must be the canonical JSON text of a countable value, as `add` writes it.
    if (valueId(decoded) !== id) return false;
  }
  return true;
}
