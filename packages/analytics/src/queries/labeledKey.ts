import type { KeyCodes, KeyColumn } from "./groupBy";

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
 * An empty array for `length` codes below `size`, of the narrowest signed type that holds them:
 * one byte per joined row for years, age groups and categories instead of four.
 *
 * @example
 * narrowCodes(3, 100); // Int8Array(3)
 * narrowCodes(3, 1000); // Int16Array(3)
 */
export function narrowCodes(length: number, size: number): KeyCodes {
  if (size <= 0x7f) return new Int8Array(length);
  return size <= 0x7fff ? new Int16Array(length) : new Int32Array(length);
}

/**
 * The same key for the rows of a join: row `i` of the result takes the code of source row `rows[i]`,
 * in the narrowest codes that fit the key's size.
 *
 * @example
 * const years = { codes: new Int32Array([0, 1]), size: 2, labels: [2018, 2019], compare: (a: number, b: number) => a - b };
 * Array.from(gatherKey(years, new Int32Array([1, 1, 0])).codes); // [1, 1, 0]
 */
export function gatherKey<Label>(key: LabeledKey<Label>, rows: Int32Array): LabeledKey<Label> {
  const codes = narrowCodes(rows.length, key.size);
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
export function orderedKey<Label>(codes: KeyCodes, labels: readonly Label[]): LabeledKey<Label> {
  return { codes, size: labels.length, labels, compare: (codeA, codeB) => codeA - codeB };
}
