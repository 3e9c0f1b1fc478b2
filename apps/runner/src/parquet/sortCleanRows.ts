import { compareSqlText } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import type { CleanTableColumns, ColumnValues } from "./cleanTableColumns";

type RowComparator = (a: number, b: number) => number;

/** Numbers ascending, nulls (`NaN`) last. */
function compareNumbers(values: Float64Array): RowComparator {
  return (a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (x === y) return 0;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  };
}

function comparatorOf(column: ColumnValues): RowComparator {
  if (column.kind === "text") {
    const values = column.values;
    return (a, b) => compareSqlText(values[a] ?? null, values[b] ?? null);
  }
  if (column.kind === "coordinates") {
    const latitude = compareNumbers(column.latitude);
    const longitude = compareNumbers(column.longitude);
    return (a, b) => latitude(a, b) || longitude(a, b);
  }
  return compareNumbers(column.values);
}

/**
 * Compares two rows of a clean table by `ind`, then by every other column in schema order
 * (numbers and instants ascending, strings by code point, coordinates by latitude then longitude,
 * nulls last). 0 means the rows are equal in every column: duplicates.
 *
 * @example
 * const compare = cleanRowComparator(pins);
 * compare(0, 1) === 0; // rows 0 and 1 are the same record
 */
export function cleanRowComparator<T extends TableName>(
  columns: CleanTableColumns<T>,
): (a: number, b: number) => number {
  const comparators = columns.schema.fields.map((field) => comparatorOf(columns.column(field.name)));
  return (a, b) => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/**
 * The order rows are written in: {@link cleanRowComparator}, then the row number — so the order,
 * and with it the file bytes, depends only on the rows, never on the order they were read in
 * (equal rows are interchangeable). Sorts `rows` (default: all rows).
 *
 * @example
 * const order = sortCleanRows(geo); // Uint32Array of row numbers, smallest ind first
 * const artOrder = sortCleanRows(pins, artRows); // only the rows of one partition
 */
export function sortCleanRows<T extends TableName>(
  columns: CleanTableColumns<T>,
  rows?: ArrayLike<number>,
): Uint32Array {
  const order =
    rows === undefined ? Uint32Array.from({ length: columns.length }, (_, i) => i) : Uint32Array.from(rows);
  const compare = cleanRowComparator(columns);
  return order.sort((a, b) => compare(a, b) || a - b);
}
