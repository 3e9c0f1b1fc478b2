import type { Grouping } from "./groupBy";
import type { LabeledKey } from "./labeledKey";

/** One group, with its number in the grouping and its key labels in key order. */
export interface LabeledGroup {
  readonly group: number;
  readonly labels: readonly unknown[];
}

/**
 * Labels the given groups (default: all) of a grouping made from `keys` (same keys, same order)
 * and sorts them by those keys in order, each key by its own `compare`: the deterministic row
 * order of every query result, which the SQL text reproduces with `ORDER BY`.
 *
 * @example
 * const key = dictionaryKey(new Int32Array([1, 0, -1]), 3, ["b", "a"]);
 * const grouping = groupBy(3, [key]);
 * sortedGroupLabels(grouping, [key]).map((g) => g.labels); // [["a"], ["b"], [null]]
 */
export function sortedGroupLabels(
  grouping: Grouping,
  keys: readonly LabeledKey<unknown>[],
  groups: readonly number[] = Array.from({ length: grouping.groupCount }, (_, group) => group),
): LabeledGroup[] {
  const sorted = [...groups].sort((groupA, groupB) => {
    for (let k = 0; k < keys.length; k++) {
      const codes = grouping.keyCodes[k]!;
      const order = keys[k]!.compare(codes[groupA]!, codes[groupB]!);
      if (order !== 0) return order;
    }
    return 0;
  });
  return sorted.map((group) => ({
    group,
    labels: keys.map((key, k) => key.labels[grouping.keyCodes[k]![group]!]),
  }));
}
