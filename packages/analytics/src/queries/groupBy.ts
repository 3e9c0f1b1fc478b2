/**
 * One grouping key per row as a small integer code in `[0, size)`; `-1` drops the row from the
 * grouping (for example a year outside the queried range). A null value that forms its own group,
 * as in SQL `GROUP BY`, gets a real code, not `-1`.
 */
export interface KeyColumn {
  readonly codes: Int32Array;
  readonly size: number;
}

/** The groups found by {@link groupBy}, numbered in order of first appearance. */
export interface Grouping {
  readonly groupCount: number;
  /** Group of each row, `-1` for dropped rows. */
  readonly groupOfRow: Int32Array;
  /** `keyCodes[k][group]` is the code of key `k` shared by the group's rows. */
  readonly keyCodes: readonly Int32Array[];
}

/** Combined key spaces up to this many cells are looked up in a flat array rather than hashed. */
const DENSE_CELLS_LIMIT = 1 << 22;

/**
 * Groups rows by the tuple of their key codes, one key at a time: the running group id and the
 * next code combine into one number that is looked up in a flat `Int32Array` when the combined
 * space is small, or in an open-addressing hash table of typed arrays when it is not. Integer
 * work only: no strings, tuples or objects per row.
 *
 * @example
 * const grouping = groupBy(4, [{ codes: new Int32Array([1, 0, 1, -1]), size: 2 }]);
 * grouping.groupCount; // 2
 * Array.from(grouping.groupOfRow); // [0, 1, 0, -1]
 * Array.from(grouping.keyCodes[0]); // [1, 0]
 */
export function groupBy(rowCount: number, keys: readonly KeyColumn[]): Grouping {
  let groupOfRow = new Int32Array(rowCount);
  let groupCount = rowCount > 0 ? 1 : 0;
  for (const key of keys) {
    if (key.codes.length !== rowCount) {
      throw new RangeError(`key column has ${key.codes.length} codes for ${rowCount} rows`);
    }
    const combined = groupCount * key.size;
    if (combined > Number.MAX_SAFE_INTEGER) throw new RangeError("too many key combinations to group");
    const lookup = combined <= DENSE_CELLS_LIMIT ? new DenseLookup(combined) : new HashLookup(rowCount);
    const next = new Int32Array(rowCount);
    for (let row = 0; row < rowCount; row++) {
      const group = groupOfRow[row]!;
      const code = key.codes[row]!;
      next[row] = group < 0 || code < 0 ? -1 : lookup.idOf(group * key.size + code);
    }
    groupOfRow = next;
    groupCount = lookup.count;
  }

  const firstRow = new Int32Array(groupCount).fill(-1);
  for (let row = 0; row < rowCount; row++) {
    const group = groupOfRow[row]!;
    if (group >= 0 && firstRow[group] === -1) firstRow[group] = row;
  }
  const keyCodes = keys.map((key) => firstRow.map((row) => key.codes[row]!));
  return { groupCount, groupOfRow, keyCodes };
}

/** Numbers distinct cells 0, 1, 2, … in order of first lookup. */
interface CellLookup {
  readonly count: number;
  idOf(cell: number): number;
}

class DenseLookup implements CellLookup {
  count = 0;
  readonly #ids: Int32Array;

  constructor(cells: number) {
    this.#ids = new Int32Array(cells).fill(-1);
  }

  idOf(cell: number): number {
    let id = this.#ids[cell]!;
    if (id < 0) {
      id = this.count++;
      this.#ids[cell] = id;
    }
    return id;
  }
}

/** Linear-probing hash table from non-negative integer cells (below 2^53) to ids. */
class HashLookup implements CellLookup {
  count = 0;
  readonly #cells: Float64Array;
  readonly #ids: Int32Array;
  readonly #mask: number;

  constructor(maxDistinct: number) {
    // At most half full, so probes stay short.
    let capacity = 16;
    while (capacity < 2 * maxDistinct) capacity *= 2;
    this.#cells = new Float64Array(capacity).fill(-1);
    this.#ids = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  idOf(cell: number): number {
    const low = cell >>> 0;
    const high = Math.floor(cell / 4_294_967_296);
    let hash = Math.imul(low, 0x9e3779b1) ^ Math.imul(high ^ 0x7f4a7c15, 0x85ebca6b);
    hash ^= hash >>> 15;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const stored = this.#cells[slot]!;
      if (stored === cell) return this.#ids[slot]!;
      if (stored === -1) {
        this.#cells[slot] = cell;
        this.#ids[slot] = this.count;
        return this.count++;
      }
    }
  }
}
