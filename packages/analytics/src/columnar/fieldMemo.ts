import { ByteKeyTable } from "./byteKeyTable";

/**
 * What the cleaners made of each distinct raw value of one column, keyed by the value's raw bytes:
 * its dictionary id, its number, and the 64-bit hash of its clean value. Columns with few distinct
 * values (poster names, categories, follower counts, countries) are cleaned once per distinct
 * value instead of once per record.
 *
 * @example
 * const memo = new FieldMemo();
 * const raw = new TextEncoder().encode("2M");
 * const entry = memo.add(raw, 0, 2, -1, 2_000_000, 0, 0);
 * memo.find(raw, 0, 2) === entry; // true
 * memo.numbers[entry]; // 2000000
 */
export class FieldMemo {
  /** Dictionary id per entry (-1: null). */
  ids = new Int32Array(64);
  /** Number per entry (`NaN`: null). */
  numbers = new Float64Array(64);
  /** Low word of the clean value's field hash per entry. */
  hashLo = new Int32Array(64);
  /** High word of the clean value's field hash per entry. */
  hashHi = new Int32Array(64);
  private readonly keys = new ByteKeyTable();

  /** The entry of the raw bytes `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.keys.find(bytes, start, end);
  }

  /** Remembers the outcome for a raw value not yet present; returns its entry. */
  add(
    bytes: Uint8Array,
    start: number,
    end: number,
    id: number,
    value: number,
    hashLo: number,
    hashHi: number,
  ): number {
    const entry = this.keys.insert(bytes, start, end);
    if (entry >= this.ids.length) this.grow();
    this.ids[entry] = id;
    this.numbers[entry] = value;
    this.hashLo[entry] = hashLo;
    this.hashHi[entry] = hashHi;
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
    const hashLo = new Int32Array(length);
    hashLo.set(this.hashLo);
    this.hashLo = hashLo;
    const hashHi = new Int32Array(length);
    hashHi.set(this.hashHi);
    this.hashHi = hashHi;
  }
}
