import { ByteKeyTable } from "./byteKeyTable";

/**
 * What the cleaners made of each distinct raw value of one column, keyed by the value's raw bytes:
 * its dictionary id, its number, its clean text as UTF-8 (for whole-row output), the issue rule it
 * raised, and the 64-bit hash of its clean value. Columns with few distinct values (poster names,
 * categories, follower counts, countries, ages) are cleaned once per distinct value instead of
 * once per record.
 *
 * @example
 * const memo = new FieldMemo();
 * const raw = new TextEncoder().encode("2M");
 * const entry = memo.add(raw, 0, 2, { id: -1, number: 2_000_000, text: null, rule: -1, hashLo: 0, hashHi: 0 });
 * memo.find(raw, 0, 2) === entry; // true
 * memo.numbers[entry]; // 2000000
 */
export class FieldMemo {
  /** Dictionary id per entry (-1: null or not interned). */
  ids = new Int32Array(64);
  /** Number per entry (`NaN`: null). */
  numbers = new Float64Array(64);
  /** Index in `ISSUE_RULES` of the issue the value raised, -1 for none. */
  rules = new Int8Array(64);
  /** Low word of the clean value's field hash per entry. */
  hashLo = new Int32Array(64);
  /** High word of the clean value's field hash per entry. */
  hashHi = new Int32Array(64);
  /** The clean string's UTF-8 bytes per entry, `null` when the clean value is no string. */
  readonly texts: (Uint8Array | null)[] = [];
  private readonly keys = new ByteKeyTable();

  /** The entry of the raw bytes `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.keys.find(bytes, start, end);
  }

  /** Remembers the outcome for a raw value not yet present; returns its entry. */
  add(bytes: Uint8Array, start: number, end: number, outcome: MemoOutcome): number {
    const entry = this.keys.insert(bytes, start, end);
    if (entry >= this.ids.length) this.grow();
    this.ids[entry] = outcome.id;
    this.numbers[entry] = outcome.number;
    this.rules[entry] = outcome.rule;
    this.hashLo[entry] = outcome.hashLo;
    this.hashHi[entry] = outcome.hashHi;
    this.texts[entry] = outcome.text;
    return entry;
  }

  private grow(): void {
    const length = this.ids.length * 2;
    const ids = new Int32Array(length);
    ids.set(this.ids);
    this.ids = ids;
    const numbers = new Float64Array(length);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const rules = new Int8Array(length);
    rules.set(this.rules);
    this.rules = rules;
    const hashLo = new Int32Array(length);
    hashLo.set(this.hashLo);
    this.hashLo = hashLo;
    const hashHi = new Int32Array(length);
    hashHi.set(this.hashHi);
    this.hashHi = hashHi;
  }
}

/** What {@link FieldMemo.add} remembers of one raw value. */
export interface MemoOutcome {
  readonly id: number;
  readonly number: number;
  readonly text: Uint8Array | null;
  readonly rule: number;
  readonly hashLo: number;
  readonly hashHi: number;
}
