import type { CleanOptions } from "@pinpipe/clean";
import {
  type ColumnPlaceholders,
  columnPlaceholders,
  isTrimmedNameBytes,
  NameJoiner,
} from "@pinpipe/clean/bytes";
import type { UserRowsBuilder } from "./cleanRows";
import { FieldMemo } from "./fieldMemo";
import {
  countOutcome,
  FIELD_GIVE_UP,
  FIELD_VALUE,
  FIELD_WRONG_TYPE,
  type IssueSink,
  LineFields,
} from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { type ProbedField, probeField } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";
import type { UserRows } from "./tableRows";
import { TimestampField } from "./timestampField";

const KEYS = ["ind", "first_name", "last_name", "age", "date_joined"] as const;
const IND = 0;
const FIRST_NAME = 1;
const LAST_NAME = 2;
const AGE = 3;
const DATE_JOINED = 4;

/**
 * Fast path for raw user lines; see `PinLineReader`. Decides `user_name` from the name bytes
 * (names whose edge bytes are ASCII and not blank need no trimming), age (memoised per distinct literal)
 * and date_joined, with their issues.
 *
 * @example
 * const reader = new UserLineReader(dictionary, rows, null, hasher, tally, undefined);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("user", bytes, 0, bytes.length);
 */
export class UserLineReader {
  private readonly fields: LineFields;
  private readonly age = new FieldMemo();
  private readonly dateJoined: TimestampField;
  private readonly firstNames: ColumnPlaceholders;
  private readonly lastNames: ColumnPlaceholders;
  private readonly probeAge: (value: number) => ProbedField;
  private readonly names = new NameJoiner();

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: UserRows,
    private readonly full: UserRowsBuilder | null,
    hasher: RecordHasher,
    private readonly issues: IssueSink,
    options: CleanOptions | undefined,
  ) {
    this.fields = new LineFields(KEYS, [IND], dictionary, hasher);
    this.dateJoined = new TimestampField(
      DATE_JOINED,
      "date_joined",
      columnPlaceholders("date_joined", options),
      (text) => probeField("user", "date_joined", text, options),
    );
    this.firstNames = columnPlaceholders("first_name", options);
    this.lastNames = columnPlaceholders("last_name", options);
    this.probeAge = (value) => probeField("user", "age", value, options);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const first = this.nameOutcome(FIRST_NAME, this.firstNames);
    const last = this.nameOutcome(LAST_NAME, this.lastNames);
    if (first === FIELD_GIVE_UP || last === FIELD_GIVE_UP) return -1;
    const ageKind = fields.kind(AGE);
    const age =
      ageKind === VALUE_NUMBER
        ? fields.numberEntry(AGE, this.age, this.probeAge)
        : ageKind === VALUE_STRING
          ? FIELD_WRONG_TYPE
          : fields.nonValueOutcome(AGE);
    const dateJoinedRule = this.dateJoined.read(fields);
    if (dateJoinedRule === FIELD_GIVE_UP) return -1;
    const dateJoined = this.dateJoined.millis;

    const issues = this.issues;
    countOutcome(issues, "first_name", first, null);
    countOutcome(issues, "last_name", last, null);
    countOutcome(issues, "age", age, this.age);
    this.dateJoined.countIssue(issues, dateJoinedRule);
    // user_name is only needed whole for the record hash and whole rows.
    const hashes = this.rows.hashes;
    const full = this.full;
    const nameLength = hashes === null && full === null ? -1 : this.joinNames(first, last);
    const ageValue = age < 0 ? Number.NaN : this.age.numbers[age]!;

    if (hashes !== null) {
      // The whole clean record, in `USER_COLUMNS` order.
      const hasher = fields.hasher;
      hasher.begin();
      hasher.addNumber(fields.key);
      if (nameLength < 0) hasher.addNull();
      else hasher.addBytes(this.names.bytes, 0, nameLength);
      fields.addEntryHash(this.age, age);
      if (Number.isNaN(dateJoined)) hasher.addNull();
      else hasher.addNumber(dateJoined);
      fields.pushRecordHash(hashes);
    }
    this.rows.push(fields.key, ageValue, dateJoined);
    if (full !== null) {
      full.ind.push(fields.key);
      if (nameLength < 0) full.userName.pushNull();
      else full.userName.pushBytes(this.names.bytes, 0, nameLength);
      full.age.push(ageValue);
      full.dateJoined.push(dateJoined);
      full.endRow();
    }
    return lineEnd;
  }

  /**
   * A name's outcome: `FIELD_VALUE` when its bytes are its trimmed text (`isTrimmedNameBytes`), a
   * null outcome with its issue, or `FIELD_GIVE_UP` (escapes, blank-looking, non-ASCII or
   * untrimmed edges: the cleaner decides those).
   */
  private nameOutcome(slot: number, placeholders: ColumnPlaceholders): number {
    const fields = this.fields;
    const outcome = fields.textOutcome(slot, placeholders);
    if (outcome !== FIELD_VALUE) return outcome;
    return isTrimmedNameBytes(fields.bytes, fields.start(slot), fields.end(slot))
      ? FIELD_VALUE
      : FIELD_GIVE_UP;
  }

  /** Writes the clean `user_name` (see `NameJoiner`) to `names.bytes`; its length, or -1 for null. */
  private joinNames(first: number, last: number): number {
    const fields = this.fields;
    const hasFirst = first === FIELD_VALUE;
    const hasLast = last === FIELD_VALUE;
    return this.names.join(
      fields.bytes,
      hasFirst ? fields.start(FIRST_NAME) : -1,
      hasFirst ? fields.end(FIRST_NAME) : -1,
      hasLast ? fields.start(LAST_NAME) : -1,
      hasLast ? fields.end(LAST_NAME) : -1,
    );
  }
}
