import type { ColumnPlaceholders } from "./columnPlaceholders";
import type { FieldMemo } from "./fieldMemo";
import type { GrowableInt32Array } from "./growableColumns";
import type { LocalDictionary } from "./localDictionary";
import { readJsonNumber } from "./readJsonNumber";
import type { RecordHasher } from "./recordHasher";
import {
  type KeyMatcher,
  MemberSpans,
  scanFlatObject,
  VALUE_ABSENT,
  VALUE_NUMBER,
  VALUE_STRING,
} from "./scanFlatObject";

/** A clean column value as the memo stores it: a string, a number or `null`. */
export type CleanScalar = string | number | null;

/**
 * What {@link LineFields.stringEntry} returns for a string written with escapes: its clean text is
 * not its bytes, so the fast path gives the line to the reference path.
 *
 * @example
 * if (fields.stringEntry(slot, memo, clean, true) === ESCAPED_STRING) return -1;
 */
export const ESCAPED_STRING = -2;

/** Longest key literal read from its digits; longer ones may pass `Number.MAX_SAFE_INTEGER`. */
const MAX_KEY_DIGITS = 15;

/**
 * The line being read by a fast reader, with the steps every reader takes: scanning the line and
 * reading its record key, decoding a member, looking a member's clean outcome up in a
 * {@link FieldMemo} (cleaning it on a miss), hashing clean columns and appending the record hash
 * when deduplicating. One instance per reader, reused per line.
 *
 * @example
 * const fields = new LineFields(new KeyMatcher(["ind", "country"]), [0], dictionary, hasher);
 * if (fields.scan(bytes, null, 0, bytes.length) >= 0) fields.key; // the record's ind
 */
export class LineFields {
  /** The bytes of the current line (valid after {@link scan}). */
  bytes: Uint8Array = new Uint8Array(0);
  /** The record key of the current line (valid after {@link scan} returned a line end). */
  key = 0;
  private readonly spans: MemberSpans;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly recordHash = new Int32Array(2);
  private readonly keySlot: number;
  /** The key's slot when {@link keySlot} is absent (pins: `ind` when there is no `index`), or -1. */
  private readonly fallbackKeySlot: number;

  constructor(
    private readonly keys: KeyMatcher,
    /** The slots that may hold the record key, by precedence: the first one present is the key. */
    keySlots: readonly [number] | readonly [number, number],
    private readonly dictionary: LocalDictionary,
    /** Shared with the reader, which folds field hashes into the record hash. */
    readonly hasher: RecordHasher,
  ) {
    this.spans = new MemberSpans(keys.size);
    this.keySlot = keySlots[0];
    this.fallbackKeySlot = keySlots[1] ?? -1;
  }

  /**
   * Scans the line starting at `start` (and ending at the next newline or `end`) and reads its
   * {@link key}; returns the line's end, or -1 when the fast path cannot read the line: not a flat
   * object, or a key that is not 1 to 15 plain digits. Other keys (signs, fractions, exponents,
   * longer literals, non-numbers) go to the reference path, which judges their text exactly:
   * `1e-400` parses to 0 but is not an integer.
   */
  scan(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    this.bytes = bytes;
    const stop = scanFlatObject(bytes, start, end, this.keys, this.spans, words);
    if (stop < 0 || (stop !== end && bytes[stop] !== 0x0a)) return -1;
    const fallback = this.fallbackKeySlot;
    const slot = fallback >= 0 && this.spans.kind[this.keySlot] === VALUE_ABSENT ? fallback : this.keySlot;
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
   * The memo entry of a string slot, cleaning the text with `clean` on a miss (the clean value is
   * interned in the dictionary when `intern` is set): -1 when the slot holds no string (the clean
   * value is then null), {@link ESCAPED_STRING} when the string has escapes.
   */
  stringEntry(slot: number, memo: FieldMemo, clean: (text: string) => CleanScalar, intern: boolean): number {
    if (this.spans.kind[slot] !== VALUE_STRING) return -1;
    if (this.spans.escaped[slot] !== 0) return ESCAPED_STRING;
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    const entry = memo.find(this.bytes, start, end);
    return entry >= 0 ? entry : this.remember(memo, start, end, clean(this.text(slot)), intern);
  }

  /** The memo entry of a number slot (keyed by its literal), cleaning the number on a miss. */
  numberEntry(slot: number, memo: FieldMemo, clean: (value: number) => CleanScalar): number {
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    const entry = memo.find(this.bytes, start, end);
    return entry >= 0 ? entry : this.remember(memo, start, end, clean(this.number(slot)), false);
  }

  /**
   * Sets the hasher's field hash to that of a clean string column read from `slot`: `null` for
   * non-strings and placeholders, the text otherwise. Returns `false` (fast path gives up) for
   * strings with escapes, whose clean text is not their bytes (the scanner already checked that
   * strings are well-formed UTF-8).
   */
  hashStringColumn(
    slot: number,
    placeholders: ColumnPlaceholders,
    clean: (text: string) => string | null,
  ): boolean {
    const hasher = this.hasher;
    if (this.spans.kind[slot] !== VALUE_STRING) {
      hasher.hashNull();
      return true;
    }
    if (this.spans.escaped[slot] !== 0) return false;
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    const verdict = placeholders.verdict(this.bytes, start, end);
    if (verdict === "value") hasher.hashBytes(this.bytes, start, end);
    else if (verdict === "placeholder") hasher.hashNull();
    else hashScalar(hasher, clean(this.text(slot)));
    return true;
  }

  /** Folds a memo entry's clean field hash into the record hash (entry -1: null). */
  addEntryHash(memo: FieldMemo, entry: number): void {
    if (entry < 0) this.hasher.addNull();
    else this.hasher.addFieldHash(memo.hashLo[entry]!, memo.hashHi[entry]!);
  }

  /** Ends the record hash and appends its two words to `hashes`. */
  pushRecordHash(hashes: GrowableInt32Array): void {
    const hash = this.recordHash;
    this.hasher.end(hash, 0);
    hashes.push(hash[0]!);
    hashes.push(hash[1]!);
  }

  /** The integer a number slot's literal spells when it is 1 to 15 plain digits; -1 otherwise. */
  private plainDigits(slot: number): number {
    if (this.spans.kind[slot] !== VALUE_NUMBER) return -1;
    const start = this.spans.start[slot]!;
    const end = this.spans.end[slot]!;
    if (end - start > MAX_KEY_DIGITS) return -1;
    const bytes = this.bytes;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = bytes[i]! - 0x30;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  private remember(memo: FieldMemo, start: number, end: number, value: CleanScalar, intern: boolean): number {
    hashScalar(this.hasher, value);
    const id = intern && typeof value === "string" ? this.dictionary.intern(value) : -1;
    const number = typeof value === "number" ? value : Number.NaN;
    return memo.add(this.bytes, start, end, id, number, this.hasher.fieldLo, this.hasher.fieldHi);
  }
}

/**
 * Sets the hasher's field hash to that of a clean scalar.
 *
 * @example
 * hashScalar(hasher, null); // hasher.fieldLo / fieldHi now hold the hash of null
 */
export function hashScalar(hasher: RecordHasher, value: CleanScalar): void {
  if (value === null) hasher.hashNull();
  else if (typeof value === "number") hasher.hashNumber(value);
  else hasher.hashString(value);
}
