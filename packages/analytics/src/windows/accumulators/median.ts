import type { Accumulator } from "./accumulator";
import { sortedValuesQuantile } from "./quantile";

/**
 * Exact lower median: `quantile(0.5)` with the lower rule, i.e. the middle value for an odd count
 * and the lower of the two middle values for an even count (same default as the batch queries).
 * `null` when no finite number was added.
 *
 * @example
 * const acc = median();
 * let state = acc.init();
 * for (const x of [10, 40, 20, 30]) state = acc.add(state, x);
 * acc.result(state); // 20
 */
export function median(): Accumulator<number[], number | null> {
  return sortedValuesQuantile("median", 0.5);
}
