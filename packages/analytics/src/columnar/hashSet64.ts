/**
 * A set of 64-bit hashes (each given as two 32-bit words), open addressing with linear probing
 * in one `Int32Array`: 16 bytes per slot at most half full, so millions of record hashes cost
 * tens of megabytes and no per-entry objects. The all-zero hash is tracked on the side, because
 * zero marks an empty slot.
 *
 * @example
 * const seen = new HashSet64();
 * seen.add(1, 2); // true (new)
 * seen.add(1, 2); // false (already there)
 */
export class HashSet64 {
  private slots: Int32Array;
  private count = 0;
  private hasZero = false;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
  }

  /** Number of hashes in the set. */
  get size(): number {
    return this.count + (this.hasZero ? 1 : 0);
  }

  /** Adds the hash `(lo, hi)`; `true` when it was not in the set yet. */
  add(lo: number, hi: number): boolean {
    if (lo === 0 && hi === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      return true;
    }
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    if (!this.insert(this.slots, lo, hi)) return false;
    this.count++;
    return true;
  }

  private insert(slots: Int32Array, lo: number, hi: number): boolean {
    const mask = (slots.length >>> 1) - 1;
    // The words are already well mixed hashes; the low word picks the slot.
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 2;
      const storedLo = slots[at]!;
      const storedHi = slots[at + 1]!;
      if (storedLo === 0 && storedHi === 0) {
        slots[at] = lo;
        slots[at + 1] = hi;
        return true;
      }
      if (storedLo === lo && storedHi === hi) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      const lo = old[at]!;
      const hi = old[at + 1]!;
      if (lo !== 0 || hi !== 0) this.insert(slots, lo, hi);
    }
    this.slots = slots;
  }
}
