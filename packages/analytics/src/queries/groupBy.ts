/**
 * One grouping key per row as a small integer code in `[0, size)`; `-1` drops the row from the
 * grouping (for example a year outside the queried range). A null value that forms its own group,
 * as in SQL `GROUP BY`, gets a real code, not `-1`.
 */
export interface KeyColumn {
  /** The narrowest signed array that holds `size - 1` (see `narrowCodes`). */
  readonly codes: KeyCodes;
  readonly size: number;
}

/** Key codes, one per row: signed so `-1` can drop a row. */
export type KeyCodes = Int8Array | Int16Array | Int32Array;

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
 * Groups rows by the tuple of their key codes. When all keys together span at most a few million
 * combinations (the usual case: countries × categories, age groups × years) each row's tuple is
 * one cell of a flat `Int32Array`, found in a single pass; otherwise keys are combined one at a
 * time, the running group id and the next code looked up in a flat table while that is small and
 * hashed in an open-addressing table of typed arrays when not.
 * Integer work only: no strings, tuples or objects per row.
 *
 * @throws {RangeError} when a key's code count differs from `rowCount`.
 * @example
 * const grouping = groupBy(4, [{ codes: new Int32Array([1, 0, 1, -1]), size: 2 }]);
 * grouping.groupCount; // 2
 * Array.from(grouping.groupOfRow); // [0, 1, 0, -1]
 * Array.from(grouping.keyCodes[0] ?? []); // [1, 0]
 */
export function groupBy(rowCount: number, keys: readonly KeyColumn[]): Grouping {
  let cells = 1;
  for (const key of keys) {
    if (key.codes.length !== rowCount) {
      throw new RangeError(`key column has ${key.codes.length} codes for ${rowCount} rows`);
    }
    cells *= key.size;
  }
  const { groupOfRow, groupCount } =
    cells <= DENSE_CELLS_LIMIT ? groupDense(rowCount, keys, cells) : groupStepwise(rowCount, keys);

  const firstRow = new Int32Array(groupCount).fill(-1);
  for (let row = 0; row < rowCount; row++) {
    const group = groupOfRow[row]!;
    if (group >= 0 && firstRow[group] === -1) firstRow[group] = row;
  }
  const keyCodes = keys.map((key) => firstRow.map((row) => key.codes[row]!));
  return { groupCount, groupOfRow, keyCodes };
}

type RowGroups = Pick<Grouping, "groupOfRow" | "groupCount">;

/** One pass: each row's tuple is a mixed-radix cell number, numbered on first sight. */
function groupDense(rowCount: number, keys: readonly KeyColumn[], cells: number): RowGroups {
  const idOfCell = new Int32Array(cells).fill(-1);
  const groupOfRow = new Int32Array(rowCount);
  let groupCount = 0;
  rows: for (let row = 0; row < rowCount; row++) {
    let cell = 0;
    for (const key of keys) {
      const code = key.codes[row]!;
      if (code < 0) {
        groupOfRow[row] = -1;
        continue rows;
      }
      cell = cell * key.size + code;
    }
    let id = idOfCell[cell]!;
    if (id < 0) {
      id = groupCount++;
      idOfCell[cell] = id;
    }
    groupOfRow[row] = id;
  }
  return { groupOfRow, groupCount };
}

/**
 * One pass per key, combining the group so far with the next code: through a flat table while
 * that combination is small (typically the first key), else a linear-probing hash table.
 */
function groupStepwise(rowCount: number, keys: readonly KeyColumn[]): RowGroups {
  let groups: RowGroups = { groupOfRow: new Int32Array(rowCount), groupCount: rowCount > 0 ? 1 : 0 };
  for (const key of keys) {
    const cells = groups.groupCount * key.size;
    if (cells > Number.MAX_SAFE_INTEGER) throw new RangeError("too many key combinations to group");
    const step = [{ codes: groups.groupOfRow, size: groups.groupCount }, key];
    groups =
      cells <= DENSE_CELLS_LIMIT ? groupDense(rowCount, step, cells) : combineHashed(rowCount, groups, key);
  }
  return groups;
}

function combineHashed(rowCount: number, groups: RowGroups, key: KeyColumn): RowGroups {
  // At most half full, so probes stay short; at most one new pair per row.
  let capacity = 16;
  while (capacity < 2 * rowCount) capacity *= 2;
  const mask = capacity - 1;
  const storedCells = new Float64Array(capacity).fill(-1);
  const storedIds = new Int32Array(capacity);
  const groupOfRow = new Int32Array(rowCount);
  let groupCount = 0;
  for (let row = 0; row < rowCount; row++) {
    const group = groups.groupOfRow[row]!;
    const code = key.codes[row]!;
    if (group < 0 || code < 0) {
      groupOfRow[row] = -1;
      continue;
    }
    const cell = group * key.size + code;
    let hash = Math.imul(cell >>> 0, 0x9e3779b1) ^ Math.imul(Math.floor(cell / 4_294_967_296), 0x85ebca6b);
    hash ^= hash >>> 15;
    let slot = hash & mask;
    while (storedCells[slot] !== cell && storedCells[slot] !== -1) slot = (slot + 1) & mask;
    if (storedCells[slot] === -1) {
      storedCells[slot] = cell;
      storedIds[slot] = groupCount++;
    }
    groupOfRow[row] = storedIds[slot]!;
  }
  return { groupOfRow, groupCount };
}
