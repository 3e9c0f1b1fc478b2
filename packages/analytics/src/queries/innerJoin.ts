import type { JoinIndex } from "./joinIndex";

/** The row pairs of an inner join, as two parallel arrays of row numbers. */
export interface JoinedRows {
  readonly length: number;
  /** Row number in the probing (left) table, ascending. */
  readonly left: Int32Array;
  /** Row number in the indexed (right) table, in that table's order within one left row. */
  readonly right: Int32Array;
}

/**
 * Inner equi-join of `leftKeys[0 … leftLength-1]` against an index of the right table's keys:
 * one output pair per (left row, right row) with equal keys, so a key repeated m times on the left
 * and n times on the right yields m × n pairs, exactly as SQL does. Two passes (count, then fill)
 * size the output exactly; no per-row objects are created.
 *
 * @example
 * const right = buildJoinIndex(new Float64Array([1, 2, 2]), 3);
 * const joined = innerJoin(new Float64Array([2, 9, 1]), 3, right);
 * Array.from(joined.left); // [0, 0, 2]
 * Array.from(joined.right); // [1, 2, 0]
 */
export function innerJoin(leftKeys: Float64Array, leftLength: number, rightIndex: JoinIndex): JoinedRows {
  const { offsets, rows } = rightIndex;
  const slotOfLeft = rightIndex.slotsOf(leftKeys, leftLength);
  let length = 0;
  for (let row = 0; row < leftLength; row++) {
    const slot = slotOfLeft[row]!;
    if (slot >= 0) length += offsets[slot + 1]! - offsets[slot]!;
  }
  const left = new Int32Array(length);
  const right = new Int32Array(length);
  let out = 0;
  for (let row = 0; row < leftLength; row++) {
    const slot = slotOfLeft[row]!;
    if (slot < 0) continue;
    for (let at = offsets[slot]!, end = offsets[slot + 1]!; at < end; at++) {
      left[out] = row;
      right[out++] = rows[at]!;
    }
  }
  return { length, left, right };
}
