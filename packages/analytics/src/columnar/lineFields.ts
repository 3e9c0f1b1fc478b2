import type { ColumnPlaceholders } from "./columnPlaceholders";
import type { FieldMemo } from "./fieldMemo";
import type { LocalDictionary } from "./localDictionary";
import { readJsonNumber } from "./readJsonNumber";
import type { RecordHasher } from "./recordHasher";
import { type KeyMatcher, MemberSpans, scanFlatObject, VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";

/** A clean column value as the memo stores it: a string, a number or `null`. */
export type CleanScalar = string | number | null;

/**
 * The members of the line being read by a fast reader, with the operations the readers share:
 * decoding a member, looking its clean outcome up in a {@link FieldMemo} (cleaning it on a miss),
 * and hashing a clean string column for deduplication. One instance per reader, reused per line.
 *
 * @example
 * const fields = new LineFields(new KeyMatcher(["ind", "country"]), dictionary, hasher);
 * if (fields.scan(bytes, null, 0, bytes.length) >= 0) fields.kind(0); // VALUE_NUMBER
 */
export class LineFields {
  /** The bytes of the current line (valid after {@link scan}). */
  bytes: Uint8Array = new Uint8Array(0);
  private readonly spans: MemberSpans;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(
    private readonly keys: KeyMatcher,
    private readonly dictionary: LocalDictionary,
    /** Shared with the reader, which folds field hashes into the record hash. */
    readonly hasher: RecordHasher,
  ) {
    this.spans = new MemberSpans(keys.size);
  }

  /**
   * Scans the line starting at `start` (and ending at the next newline or `end`); returns the
   * line's end, or -1 when the line is not a flat object the fast path can read.
   */
  scan(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    this.bytes = bytes;
    const stop = scanFlatObject(bytes, start, end, this.keys, this.spans, words);
    return stop >= 0 && (stop === end || bytes[stop] === 0x0a) ? stop : -1;
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
   * The memo entry of a plain string slot, cleaning the text with `clean` on a miss; the clean
   * value is interned in the dictionary when `intern` is set.
   */
  stringEntry(slot: number, memo: FieldMemo, clean: (text: string) => CleanScalar, intern: boolean): number {
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

  /** Whether a slot holds a number. */
  isNumber(slot: number): boolean {
    return this.spans.kind[slot] === VALUE_NUMBER;
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
