import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { cleanGeo } from "./cleanGeo";
import type { CleanOptions } from "./cleanOptions";
import { cleanPin } from "./cleanPin";
import type { CleanResult } from "./cleanResult";
import { cleanUser } from "./cleanUser";

/**
 * The clean record type of each table.
 *
 * @example
 * const row: CleanRecordOf<"geo"> = { ind: 1, country: null, coordinates: null, timestamp: null };
 */
export interface CleanRecordByTable {
  pin: CleanPin;
  geo: CleanGeo;
  user: CleanUser;
}

/**
 * A table name: `pin`, `geo` or `user`.
 *
 * @example
 * const table: TableName = "user";
 */
export type TableName = keyof CleanRecordByTable;

/**
 * The clean record type of table `T`.
 *
 * @example
 * const user: CleanRecordOf<"user"> = { ind: 0, user_name: "Adam Acosta", age: 20, date_joined: null };
 */
export type CleanRecordOf<T extends TableName> = CleanRecordByTable[T];

/**
 * A record cleaner: `cleanPin`, `cleanGeo` or `cleanUser`.
 *
 * @example
 * const clean: RecordCleaner<"pin"> = cleanPin;
 */
export type RecordCleaner<T extends TableName> = (
  raw: unknown,
  options?: CleanOptions,
) => CleanResult<CleanRecordOf<T>>;

const CLEANERS: { readonly [T in TableName]: RecordCleaner<T> } = {
  pin: cleanPin,
  geo: cleanGeo,
  user: cleanUser,
};

/**
 * The cleaner of a table.
 *
 * @throws RangeError when `table` is not `pin`, `geo` or `user`: a programming error, not a data one.
 * @example
 * cleanerFor("geo")(rawGeo).ok; // true
 */
export function cleanerFor<T extends TableName>(table: T): RecordCleaner<T> {
  if (typeof table !== "string" || !Object.hasOwn(CLEANERS, table)) {
    throw new RangeError(`unknown table ${JSON.stringify(String(table))}: expected "pin", "geo" or "user"`);
  }
  return CLEANERS[table] as RecordCleaner<T>;
}
