/**
 * An index of a key column for equi-joins, in CSR form: the rows holding a key are
 * `rows[offsets[slot]] … rows[offsets[slot + 1] - 1]`, in table order, where `slot` is the
 * key's entry in the result of `slotsOf`.
 */
export interface JoinIndex {
  /** The slot of each of `keys[0 … length-1]`, `-1` where no indexed row holds the key. */
  slotsOf(keys: Float64Array, length: number): Int32Array;
  /** `slotCount + 1` offsets into {@link rows}. */
  readonly offsets: Int32Array;
  /** Row numbers grouped by slot. */
  readonly rows: Int32Array;
}

/** Dense counting sort is used while the key range costs at most this many slots per row (plus a floor). */
const DENSE_SLOTS_PER_ROW = 4;
const DENSE_SLOTS_FLOOR = 1024;

/**
 * Indexes `keys[0 … length-1]` by value. When the keys are non-negative integers in a range not
 * much larger than the row count (the usual `ind` column) the slot is the key itself and the
 * index is a counting sort; otherwise distinct keys get slots through a `Map` once, and probing
 * does one `Map` lookup. Either way building and probing allocate nothing per row.
 *
 * @example
 * const index = buildJoinIndex(new Float64Array([7, 3, 7]), 3);
 * const [slot = -1, missing] = index.slotsOf(new Float64Array([7, 5]), 2);
 * Array.from(index.rows.subarray(index.offsets[slot], index.offsets[slot + 1])); // [0, 2]
 * missing; // -1
 */
export function buildJoinIndex(keys: Float64Array, length: number): JoinIndex {
  let maxKey = -1;
  let dense = true;
  for (let row = 0; row < length; row++) {
    const key = keys[row]!;
    // `key | 0` is a cheap integer test for the usual int32 keys; larger ones take Number.isInteger.
    if (!(key >= 0 && ((key | 0) === key || Number.isInteger(key)))) {
      dense = false;
      break;
    }
    if (key > maxKey) maxKey = key;
  }
  if (dense && maxKey < DENSE_SLOTS_PER_ROW * length + DENSE_SLOTS_FLOOR) {
    const slotCount = maxKey + 1;
    const slotOfRow = new Int32Array(length);
    for (let row = 0; row < length; row++) slotOfRow[row] = keys[row]!;
    return new DenseJoinIndex(slotCount, countingSort(slotOfRow, slotCount));
  }
  const slots = new Map<number, number>();
  const slotOfRow = new Int32Array(length);
  for (let row = 0; row < length; row++) {
    const key = keys[row]!;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(key, slot);
    }
    slotOfRow[row] = slot;
  }
  return new SparseJoinIndex(slots, countingSort(slotOfRow, slots.size));
}

interface Csr {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/** Stable counting sort of row numbers by slot. */
function countingSort(slotOfRow: Int32Array, slotCount: number): Csr {
  const offsets = new Int32Array(slotCount + 1);
  for (let row = 0; row < slotOfRow.length; row++) offsets[slotOfRow[row]! + 1]!++;
  for (let slot = 0; slot < slotCount; slot++) offsets[slot + 1]! += offsets[slot]!;
  const next = offsets.slice(0, slotCount);
  const rows = new Int32Array(slotOfRow.length);
  for (let row = 0; row < slotOfRow.length; row++) rows[next[slotOfRow[row]!]!++] = row;
  return { offsets, rows };
}

class DenseJoinIndex implements JoinIndex {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
  readonly #slotCount: number;

  constructor(slotCount: number, csr: Csr) {
    this.#slotCount = slotCount;
    this.offsets = csr.offsets;
    this.rows = csr.rows;
  }

  slotsOf(keys: Float64Array, length: number): Int32Array {
    const slotCount = this.#slotCount;
    const slots = new Int32Array(length);
    for (let row = 0; row < length; row++) {
      const key = keys[row]!;
      // `key | 0` equals `key` only for integers in int32 range, which rules out NaN and fractions.
      slots[row] = (key | 0) === key && key >= 0 && key < slotCount ? key : -1;
    }
    return slots;
  }
}

class SparseJoinIndex implements JoinIndex {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
  readonly #slots: Map<number, number>;

  constructor(slots: Map<number, number>, csr: Csr) {
    this.#slots = slots;
    this.offsets = csr.offsets;
    this.rows = csr.rows;
  }

  slotsOf(keys: Float64Array, length: number): Int32Array {
    const slots = new Int32Array(length);
    for (let row = 0; row < length; row++) {
      const key = keys[row]!;
      // A Map matches NaN with NaN; SQL never joins on NaN.
      slots[row] = Number.isNaN(key) ? -1 : (this.#slots.get(key) ?? -1);
    }
    return slots;
  }
}
