/**
 * `values[rows[i]]` for every `i`: a source column re-laid out for the rows of a join.
 *
 * @example
 * Array.from(gatherValues(new Float64Array([5, 6, 7]), new Int32Array([2, 0, 2]))); // [7, 5, 7]
 */
export function gatherValues(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}
