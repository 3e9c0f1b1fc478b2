import { compareSqlText } from "./compareSqlText";
import type { LabeledKey } from "./labeledKey";

/**
 * Turns a dictionary-encoded column (ids into `strings`, `-1` for null) into a grouping key whose
 * codes are compact and one per distinct string value: equal strings under different ids (as
 * after merging dictionaries) share a code, and null is a group of its own, as in SQL `GROUP BY`.
 * Only distinct ids touch the `Map`; the per-row work is typed-array lookups.
 *
 * @throws {RangeError} when an id is neither `-1` nor a valid index into `strings`.
 * @example
 * const key = dictionaryKey(new Int32Array([2, -1, 0, 2]), 4, ["x", "y", "x"]);
 * Array.from(key.codes); // [0, 1, 0, 0]
 * key.labels; // ["x", null]
 */
export function dictionaryKey(
  ids: Int32Array,
  length: number,
  strings: readonly string[],
): LabeledKey<string | null> {
  const codeOfId = new Int32Array(strings.length + 1).fill(-1);
  const codeOfValue = new Map<string | null, number>();
  const labels: (string | null)[] = [];
  const codes = new Int32Array(length);
  for (let row = 0; row < length; row++) {
    const id = ids[row]!;
    let code = codeOfId[id + 1] ?? -2;
    if (code === -2)
      throw new RangeError(`dictionary id ${id} at row ${row} is outside -1 … ${strings.length - 1}`);
    if (code === -1) {
      const value = id === -1 ? null : strings[id]!;
      code = codeOfValue.get(value) ?? labels.length;
      if (code === labels.length) {
        labels.push(value);
        codeOfValue.set(value, code);
      }
      codeOfId[id + 1] = code;
    }
    codes[row] = code;
  }
  return {
    codes,
    size: labels.length,
    labels,
    compare: (codeA, codeB) => compareSqlText(labels[codeA] ?? null, labels[codeB] ?? null),
  };
}
