import type { CleanUser } from "@pinpipe/schemas";
import { MAX_AGE } from "./cleanIssue";
import { type CleanOptions, resolvePlaceholders } from "./cleanOptions";
import type { CleanResult } from "./cleanResult";
import { reportHostileKeys } from "./hostileKeys";
import { isWhitespaceCode } from "./isBlank";
import { IssueLog } from "./issueLog";
import { USER_NAME_SEPARATOR } from "./joinNameBytes";
import { isRawRecord, notAnObject } from "./rawRecord";
import { readRecordKey } from "./readRecordKey";
import { readString } from "./readString";
import { readTimestamp } from "./readTimestamp";

/**
 * Cleans a raw user record into exactly the clean user columns `ind, user_name, age, date_joined`:
 * `user_name` is the trimmed first and last names joined by one space (only one of them when the
 * other is absent, `null` or blank; `null` when both are), `age` an integer in 0..{@link MAX_AGE},
 * `date_joined` a UTC `Date` read from the naive producer string (see `parseNaiveTimestamp`).
 * Unknown fields are dropped.
 *
 * A field that cannot be cleaned becomes `null` with an issue; the record is rejected only when it
 * is not an object or `ind` is missing or not a non-negative safe integer. Never mutates its input,
 * never throws on JSON values.
 * A key whose JSON text rounds to a valid one (`1e-400`) is indistinguishable once parsed; callers
 * holding the text reject it with `keyLiteralIssue`.
 *
 * @example
 * cleanUser({ ind: 0, first_name: "Adam", last_name: "Acosta", age: 20, date_joined: "2015-10-21 21:26:45" });
 * // { ok: true, issues: [], value: { ind: 0, user_name: "Adam Acosta", age: 20,
 * //   date_joined: new Date("2015-10-21T21:26:45Z") } }
 */
export function cleanUser(raw: unknown, options?: CleanOptions): CleanResult<CleanUser> {
  if (!isRawRecord(raw)) return notAnObject(raw);
  const log = new IssueLog();
  reportHostileKeys(raw, log);
  const ind = readRecordKey(raw.ind, "ind", log);
  if (ind < 0) return { ok: false, issues: log.issues() };

  const placeholders = resolvePlaceholders(options);
  const firstName = readString(raw.first_name, "first_name", placeholders.first_name, log);
  const lastName = readString(raw.last_name, "last_name", placeholders.last_name, log);
  const value: CleanUser = {
    ind,
    user_name: joinNames(firstName, lastName),
    age: readAge(raw.age, log),
    date_joined: readTimestamp(raw.date_joined, "date_joined", placeholders.date_joined, log),
  };
  return { ok: true, value, issues: log.issues() };
}

/**
 * Names reaching here are non-blank (blanks are placeholders), so trimming never empties them. The
 * byte form of this rule is `NameJoiner` with `isTrimmedNameBytes` (`@pinpipe/clean/bytes`); this
 * string form is not built on it (that would mean encoding the names), but both join with
 * `USER_NAME_SEPARATOR` and trim by the one blank set, `isWhitespaceCode`.
 */
function joinNames(firstName: string | null, lastName: string | null): string | null {
  if (firstName === null) return lastName === null ? null : trim(lastName);
  if (lastName === null) return trim(firstName);
  return trim(firstName) + USER_NAME_SEPARATOR + trim(lastName);
}

/** `String.prototype.trim`, skipped when neither end is blank (most names): the call costs more. */
function trim(name: string): string {
  return isWhitespaceCode(name.charCodeAt(0)) || isWhitespaceCode(name.charCodeAt(name.length - 1))
    ? name.trim()
    : name;
}

function readAge(value: unknown, log: IssueLog): number | null {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value <= MAX_AGE) return value + 0;
    log.add("age", value, "invalid_age");
  } else if (value !== null) {
    log.add("age", value, value === undefined ? "missing_field" : "wrong_type");
  }
  return null;
}
