import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import type { RawTableName } from "./rawTableName";
import type { RecordHasher } from "./recordHasher";

const COLUMNS: Readonly<Record<RawTableName, readonly string[]>> = {
  pin: PIN_COLUMNS,
  geo: GEO_COLUMNS,
  user: USER_COLUMNS,
};

function addValue(hasher: RecordHasher, value: unknown): void {
  if (value === null || value === undefined) hasher.addNull();
  else if (typeof value === "string") hasher.addString(value);
  else if (typeof value === "number") hasher.addNumber(value);
  else if (value instanceof Date) hasher.addNumber(value.getTime());
  else if (Array.isArray(value)) hasher.addNumberPair(value[0] as number, value[1] as number);
  else throw new TypeError(`cannot hash clean value ${String(value)}`);
}

/**
 * Writes the 64-bit hash of a whole clean record (every column, in schema order) to
 * `out[index]`, `out[index + 1]`: equal records hash equal, so exact duplicates can be found by
 * hash. Dates hash as their epoch milliseconds, coordinates as their two numbers.
 *
 * @example
 * const out = new Int32Array(2);
 * hashCleanRecord(new RecordHasher(), "geo", { ind: 1, country: "Chad", coordinates: null, timestamp: null }, out, 0);
 */
export function hashCleanRecord(
  hasher: RecordHasher,
  table: RawTableName,
  record: CleanPin | CleanGeo | CleanUser,
  out: Int32Array,
  index: number,
): void {
  const fields = record as unknown as Readonly<Record<string, unknown>>;
  hasher.begin();
  for (const column of COLUMNS[table]) addValue(hasher, fields[column]);
  hasher.end(out, index);
}
