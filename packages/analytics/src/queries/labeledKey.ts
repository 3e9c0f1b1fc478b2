import type { KeyColumn } from "./groupBy";

/**
 * A {@link KeyColumn} whose codes stand for values: `labels[code]` is the value (a string, `null`
 * for a null group, a year, an age group) and `compare` orders two codes the way the results are
 * ordered (and the way `ties: "first"` picks its winner).
 */
export interface LabeledKey<Label> extends KeyColumn {
  readonly labels: readonly Label[];
  compare(codeA: number, codeB: number): number;
}

/**
 * The same key for the rows of a join: row `i` of the result takes the code of source row `rows[i]`.
 *
 * @example
 * const years = { codes: new Int32Array([0, 1]), size: 2, labels: [2018, 2019], compare: (a: number, b: number) => a - b };
 * Array.from(gatherKey(years, new Int32Array([1, 1, 0])).codes); // [1, 1, 0]
 */
export function gatherKey<Label>(key: LabeledKey<Label>, rows: Int32Array): LabeledKey<Label> {
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = key.codes[rows[i]!]!;
  return { codes, size: key.size, labels: key.labels, compare: key.compare };
}

/**
 * A key whose codes already are in output order (years ascending, age groups youngest first).
 *
 * @example
 * const key = orderedKey(new Int32Array([1, -1]), ["a", "b"]);
 * key.compare(0, 1) < 0; // true
 */
export function orderedKey<Label>(codes: Int32Array, labels: readonly Label[]): LabeledKey<Label> {
  return { codes, size: labels.length, labels, compare: (codeA, codeB) => codeA - codeB };
}
