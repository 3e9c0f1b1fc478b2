import { HOSTILE_KEYS, ISSUE_RULES, type IssueRule } from "@pinpipe/clean";
import { type ColumnPlaceholders, plainKeyDigits } from "@pinpipe/clean/bytes";
import type { FieldMemo } from "./fieldMemo";
import type { LocalDictionary } from "./localDictionary";
import type { ProbedField } from "./probeCleaners";
import { readJsonNumber } from "./readJsonNumber";
import type { RecordHasher } from "./recordHasher";
import {
  KeyMatcher,
  MemberSpans,
  scanFlatObject,
  VALUE_ABSENT,
  VALUE_NULL,
  VALUE_NUMBER,
  VALUE_STRING,
} from "./scanFlatObject";

/**
 * Outcomes of a field on the fast path, besides a memo entry (≥ 0). `FIELD_GIVE_UP`: the fast path
 * cannot tell the clean value from the bytes (escapes, unusual values): the line goes to the
 * reference path. The others are null with the issue their name says (`FIELD_NULL`: JSON `null`,
 * no issue) or, for `FIELD_VALUE`, a string whose raw bytes are its clean value.
 *
 * @example
 * const needsSlowPath = fields.memoEntry(slot, memo, probe, false) === FIELD_GIVE_UP;
 */
export const FIELD_NULL = -1;
/** See {@link FIELD_NULL}. */
export const FIELD_GIVE_UP = -2;
/** See {@link FIELD_NULL}. */
export const FIELD_MISSING = -3;
/** See {@link FIELD_NULL}. */
export const FIELD_WRONG_TYPE = -4;
/** See {@link FIELD_NULL}. */
export const FIELD_PLACEHOLDER = -5;
/** See {@link FIELD_NULL}. */
export const FIELD_VALUE = -6;

const RULE_MISSING = ISSUE_RULES.indexOf("missing_field");
const RULE_WRONG_TYPE = ISSUE_RULES.indexOf("wrong_type");
const RULE_PLACEHOLDER = ISSUE_RULES.indexOf("placeholder");

/**
 * The `ISSUE_RULES` index of the issue a non-memo outcome raises, -1 for none.
 *
 * @example
 * outcomeRule(FIELD_MISSING); // ISSUE_RULES.indexOf("missing_field")
 */
export function outcomeRule(outcome: number): number {
  if (outcome === FIELD_MISSING) return RULE_MISSING;
  if (outcome === FIELD_WRONG_TYPE) return RULE_WRONG_TYPE;
  if (outcome === FIELD_PLACEHOLDER) return RULE_PLACEHOLDER;
  return -1;
}

/**
 * Where a fast reader's issues go: one count per issue, by raw field and rule (an index in
 * `ISSUE_RULES`).
 *
 * @example
 * const sink: IssueSink = { countIssue: (field, rule) => tally.countIssue(field, rule) };
 */
export interface IssueSink {
  countIssue(field: string, rule: IssueRule): void;
}

/**
 * Counts the issue a field's outcome raises: a memo entry's remembered rule, or the outcome's own
 * (missing, wrong type, placeholder).
 *
 * @example
 * countOutcome(tally, "category", entry, categoryMemo);
 */
export function countOutcome(
  issues: IssueSink,
  field: string,
  outcome: number,
  memo: FieldMemo | null,
): void {
  const rule = outcome >= 0 && memo !== null ? memo.rules[outcome]! : outcomeRule(outcome);
  if (rule >= 0) issues.countIssue(field, ISSUE_RULES[rule]!);
}

const encoder = new TextEncoder();

/**
 * The line being read by a fast reader, with the steps every reader takes: scanning the line and
 * reading its record key, deciding each field's outcome (memoised per distinct raw value, or from
 * the bytes), counting issues, hashing clean columns and appending the record hash when
 * deduplicating. One instance per reader, reused per line.
 *
 * @example
 * const fields = new LineFields(["ind", "country"], [0], dictionary, hasher);
 * if (fields.scan(bytes, null, 0, bytes.length) >= 0) fields.key; // the record's ind
 */
export class LineFields {
  /** The bytes of the current line (valid after {@link scan}). */
  bytes: Uint8Array = new Uint8Array(0);
  /** The record key of the current line (valid after {@link scan} returned a line end). */
  key = 0;
  private readonly keys: KeyMatcher;
  private readonly spans: MemberSpans;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly recordHash = new Int32Array(2);
  private readonly keySlot: number;
  /** The key's slot when {@link keySlot} is absent (pins: `ind` when there is no `index`), or -1. */
  private readonly fallbackKeySlot: number;
  private readonly firstHostileSlot: number;

  constructor(
    keys: readonly string[],
    /** The slots that may hold the record key, by precedence: the first one present is the key. */
    keySlots: readonly [number] | readonly [number, number],
    private readonly dictionary: LocalDictionary,
    /** Shared with the reader, which folds field hashes into the record hash. */
    readonly hasher: RecordHasher,
  ) {
    // Hostile keys are matched only to be noticed: the cleaners report them, so such lines take
    // the reference path.
    this.keys = new KeyMatcher([...keys, ...HOSTILE_KEYS]);
    this.firstHostileSlot = keys.length;
    this.spans = new MemberSpans(this.keys.size);
    this.keySlot = keySlots[0];
    this.fallbackKeySlot = keySlots[1] ?? -1;
  }

  /**
   * Scans the line starting at `start` (and ending at the next newline or `end`) and reads its
   * {@link key}; returns the line's end, or -1 when the fast path cannot read the line: not a flat
   * object, a hostile key, or a key that is not plain digits (`plainKeyDigits`). Other keys (signs,
   * fractions, exponents, longer literals, non-numbers) go to the reference path, which judges
   * their text exactly: `1e-400` parses to 0 but is not an integer.
   */
  scan(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    this.bytes = bytes;
    const stop = scanFlatObject(bytes, start, end, this.keys, this.spans, words);
    if (stop < 0 || (stop !== end && bytes[stop] !== 0x0a)) return -1;
    const kinds = this.spans.kind;
    for (let slot = this.firstHostileSlot; slot < kinds.length; slot++) {
      if (kinds[slot] !== VALUE_ABSENT) return -1;
    }
    const fallback = this.fallbackKeySlot;
    const slot = fallback >= 0 && kinds[this.keySlot] === VALUE_ABSENT ? fallback : this.keySlot;
    this.key = this.plainDigits(slot);
    return this.key < 0 ? -1 : stop;
  }

  /** The `VALUE_*` kind of a slot. */
  kind(slot: number): number {
    return this.spans.kind[slot]!;
  }

  /** Whether a slot holds a string written without escapes (its bytes are its UTF-8 text). */
  isPlainString(slot: number): boolean {
    return this.spans.kind[slot] === VALUE_STRING && this.spans.escaped[slot] === 0;
  }

  /** First byte of a slot's value. */
  start(slot: number): number {
    return this.spans.start[slot]!;
  }

  /** One past the last byte of a slot's value. */
  end(slot: number): number {
    return this.spans.end[slot]!;
  }

  /** The number in a slot of kind `VALUE_NUMBER`. */
  number(slot: number): number {
    return readJsonNumber(this.bytes, this.spans.start[slot]!, this.spans.end[slot]!);
  }

  /** The decoded text of a plain string slot. */
  text(slot: number): string {
    return this.decoder.decode(this.bytes.subarray(this.spans.start[slot], this.spans.end[slot]));
  }

  /**
   * The outcome of a slot that is not a string or a number: `FIELD_NULL`, `FIELD_MISSING`,
   * `FIELD_WRONG_TYPE` (booleans), or `FIELD_GIVE_UP` for strings and numbers (the caller's job).
   */
  nonValueOutcome(slot: number): number {
    const kind = this.spans.kind[slot];
    if (kind === VALUE_NULL) return FIELD_NULL;
    if (kind === VALUE_ABSENT) return FIELD_MISSING;
    return kind === VALUE_STRING || kind === VALUE_NUMBER ? FIELD_GIVE_UP : FIELD_WRONG_TYPE;
  }

  /**
   * The outcome of a string column kept byte for byte unless a placeholder: `FIELD_VALUE` (the
   * bytes between {@link start} and {@link end} are the clean value), `FIELD_PLACEHOLDER`, a
   * non-value outcome (numbers are `FIELD_WRONG_TYPE`), or `FIELD_GIVE_UP` for strings with
   * escapes or whose verdict needs the text (blank or non-ASCII first byte).
   */
  textOutcome(slot: number, placeholders: ColumnPlaceholders): number {
    const kind = this.spans.kind[slot];
    if (kind !== VALUE_STRING) return kind === VALUE_NUMBER ? FIELD_WRONG_TYPE : this.nonValueOutcome(slot);
    if (this.spans.escaped[slot] !== 0) return FIELD_GIVE_UP;
    const verdict = placeholders.verdict(this.bytes, this.spans.start[slot]!, this.spans.end[slot]!);
    return verdict === "value" ? FIELD_VALUE : verdict === "placeholder" ? FIELD_PLACEHOLDER : FIELD_GIVE_UP;
  }

  /**
   * The memo entry of a string slot, cleaning the text with `probe` on a miss (the clean value is
   * interned in the dictionary when `intern` is set); a non-value outcome otherwise (numbers are
   * `FIELD_WRONG_TYPE`), `FIELD_GIVE_UP` for strings with escapes.
   */
  stringEntry(slot: number, memo: FieldMemo, probe: (text: string) => ProbedField, intern: boolean): number {
    const kind = this.spans.kind[slot];
    if (kind !== VALUE_STRING) return kind === VALUE_NUMBER ? FIELD_WRONG_TYPE : this.nonValueOutcome(slot);
    if (this.spans.escaped[slot] !== 0) return FIELD_GIVE_UP;
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    const entry = memo.find(this.bytes, start, end);
    return entry >= 0 ? entry : this.remember(memo, start, end, probe(this.text(slot)), intern);
  }

  /** The memo entry of a number slot (keyed by its literal), cleaning the number on a miss. */
  numberEntry(slot: number, memo: FieldMemo, probe: (value: number) => ProbedField): number {
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    const entry = memo.find(this.bytes, start, end);
    return entry >= 0 ? entry : this.remember(memo, start, end, probe(this.number(slot)), false);
  }

  /** Sets the hasher's field hash to that of a text outcome read from `slot` (null unless `FIELD_VALUE`). */
  hashText(slot: number, outcome: number): void {
    if (outcome === FIELD_VALUE)
      this.hasher.hashBytes(this.bytes, this.spans.start[slot]!, this.spans.end[slot]!);
    else this.hasher.hashNull();
  }

  /** Folds a memo entry's clean field hash into the record hash (non-entries: null). */
  addEntryHash(memo: FieldMemo, entry: number): void {
    if (entry < 0) this.hasher.addNull();
    else this.hasher.addFieldHash(memo.hashLo[entry]!, memo.hashHi[entry]!);
  }

  /** Ends the record hash and appends its two words to `hashes`. */
  pushRecordHash(hashes: { push(value: number): void }): void {
    const hash = this.recordHash;
    this.hasher.end(hash, 0);
    hashes.push(hash[0]!);
    hashes.push(hash[1]!);
  }

  /** The key a number slot's literal spells when it is plain digits (`plainKeyDigits`); -1 otherwise. */
  private plainDigits(slot: number): number {
    if (this.spans.kind[slot] !== VALUE_NUMBER) return -1;
    return plainKeyDigits(this.bytes, this.spans.start[slot]!, this.spans.end[slot]!);
  }

  private remember(
    memo: FieldMemo,
    start: number,
    end: number,
    probed: ProbedField,
    intern: boolean,
  ): number {
    const value = probed.value;
    const hasher = this.hasher;
    if (value === null) hasher.hashNull();
    else if (typeof value === "number") hasher.hashNumber(value);
    else if (typeof value === "string") hasher.hashString(value);
    else throw new TypeError("memoised columns hold strings or numbers");
    const isText = typeof value === "string";
    return memo.add(this.bytes, start, end, {
      id: intern && isText ? this.dictionary.intern(value) : -1,
      number: typeof value === "number" ? value : Number.NaN,
      text: isText ? encoder.encode(value) : null,
      rule: probed.rule,
      hashLo: hasher.fieldLo,
      hashHi: hasher.fieldHi,
    });
  }
}
