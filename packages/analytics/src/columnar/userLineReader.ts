import { DEFAULT_PLACEHOLDERS } from "@pinpipe/clean";
import { ColumnPlaceholders } from "./columnPlaceholders";
import { FieldMemo } from "./fieldMemo";
import { type CleanScalar, hashScalar, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { probeUserAge, probeUserDateJoined, probeUserName } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { KeyMatcher, VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";
import type { UserRows } from "./tableRows";
import { TimestampColumn } from "./timestampColumn";

const KEYS = ["ind", "first_name", "last_name", "age", "date_joined"] as const;
const IND = 0;
const FIRST_NAME = 1;
const LAST_NAME = 2;
const AGE = 3;
const DATE_JOINED = 4;

const MATCHER = new KeyMatcher(KEYS);
const cleanAge = (value: number): CleanScalar => probeUserAge(value);

/** A name needs the cleaner (a blank, non-ASCII or untrimmed edge), is null, or is its bytes. */
const NAME_BY_CLEANER = -1;
const NAME_NULL = 0;
const NAME_BYTES = 1;

function isPrintableAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/**
 * Fast path for raw user lines; see `PinLineReader`. Reads key, age (memoised per distinct
 * literal) and date_joined; when deduplicating, also builds `user_name` from the name bytes for
 * the whole-record hash.
 *
 * @example
 * const reader = new UserLineReader(dictionary, rows, hasher);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("user", bytes, 0, bytes.length);
 */
export class UserLineReader {
  private readonly fields: LineFields;
  private readonly age = new FieldMemo();
  private readonly dateJoined = new TimestampColumn(DATE_JOINED, DEFAULT_PLACEHOLDERS.date_joined, (text) =>
    probeUserDateJoined(text),
  );
  private readonly firstNames = new ColumnPlaceholders(DEFAULT_PLACEHOLDERS.first_name);
  private readonly lastNames = new ColumnPlaceholders(DEFAULT_PLACEHOLDERS.last_name);
  private scratch = new Uint8Array(256);

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: UserRows,
    hasher: RecordHasher,
  ) {
    this.fields = new LineFields(MATCHER, [IND], dictionary, hasher);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const age = fields.kind(AGE) === VALUE_NUMBER ? fields.numberEntry(AGE, this.age, cleanAge) : -1;
    const dateJoined = this.dateJoined.read(fields);
    if (dateJoined === undefined) return -1;

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      if (!this.hashRecord(age, dateJoined)) return -1;
      fields.pushRecordHash(hashes);
    }
    this.rows.push(fields.key, age < 0 ? Number.NaN : this.age.numbers[age]!, dateJoined);
    return lineEnd;
  }

  /** Hashes the clean record in `USER_COLUMNS` order (ind, user_name, age, date_joined). */
  private hashRecord(age: number, dateJoined: number): boolean {
    const fields = this.fields;
    const hasher = fields.hasher;
    hasher.begin();
    hasher.addNumber(fields.key);
    if (!this.hashUserName()) return false;
    hasher.addFieldHash(hasher.fieldLo, hasher.fieldHi);
    fields.addEntryHash(this.age, age);
    if (Number.isNaN(dateJoined)) hasher.addNull();
    else hasher.addNumber(dateJoined);
    return true;
  }

  /** How a name slot contributes to `user_name`; `undefined` when the fast path must give up. */
  private nameForm(slot: number, placeholders: ColumnPlaceholders): number | undefined {
    const fields = this.fields;
    if (fields.kind(slot) !== VALUE_STRING) return NAME_NULL;
    if (!fields.isPlainString(slot)) return undefined;
    const start = fields.start(slot);
    const end = fields.end(slot);
    const verdict = placeholders.verdict(fields.bytes, start, end);
    if (verdict === "placeholder") return NAME_NULL;
    // Trimming is a no-op only when both edges are printable ASCII.
    return verdict === "value" && isPrintableAscii(fields.bytes[end - 1]!) ? NAME_BYTES : NAME_BY_CLEANER;
  }

  /** Sets the hasher's field hash to that of the clean `user_name`; `false` to give up. */
  private hashUserName(): boolean {
    const fields = this.fields;
    const first = this.nameForm(FIRST_NAME, this.firstNames);
    const last = this.nameForm(LAST_NAME, this.lastNames);
    if (first === undefined || last === undefined) return false;
    if (first === NAME_BY_CLEANER || last === NAME_BY_CLEANER) {
      const firstText = fields.kind(FIRST_NAME) === VALUE_STRING ? fields.text(FIRST_NAME) : null;
      const lastText = fields.kind(LAST_NAME) === VALUE_STRING ? fields.text(LAST_NAME) : null;
      hashScalar(fields.hasher, probeUserName(firstText, lastText));
      return true;
    }
    if (first === NAME_NULL && last === NAME_NULL) fields.hasher.hashNull();
    else if (last === NAME_NULL)
      fields.hasher.hashBytes(fields.bytes, fields.start(FIRST_NAME), fields.end(FIRST_NAME));
    else if (first === NAME_NULL)
      fields.hasher.hashBytes(fields.bytes, fields.start(LAST_NAME), fields.end(LAST_NAME));
    else this.hashJoinedNames();
    return true;
  }

  /** Hashes "first last" from the two names' bytes. */
  private hashJoinedNames(): void {
    const fields = this.fields;
    const bytes = fields.bytes;
    const firstStart = fields.start(FIRST_NAME);
    const firstLength = fields.end(FIRST_NAME) - firstStart;
    const lastStart = fields.start(LAST_NAME);
    const lastLength = fields.end(LAST_NAME) - lastStart;
    const length = firstLength + 1 + lastLength;
    if (this.scratch.length < length) this.scratch = new Uint8Array(length * 2);
    const scratch = this.scratch;
    scratch.set(bytes.subarray(firstStart, firstStart + firstLength), 0);
    scratch[firstLength] = 0x20;
    scratch.set(bytes.subarray(lastStart, lastStart + lastLength), firstLength + 1);
    fields.hasher.hashBytes(scratch, 0, length);
  }
}
