/** FNV-1a over a byte range: short keys (names, categories, counts) hash in a few nanoseconds. */
function hashRange(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * An append-only map from byte strings to dense entry numbers `0, 1, 2…`, so a scanner can
 * remember what it computed for a raw value (its dictionary id, its parsed count) without
 * decoding the bytes to a string. Keys are copied into one growing arena; lookups compare bytes.
 * Callers keep the per-entry values in their own arrays indexed by entry number.
 *
 * @example
 * const table = new ByteKeyTable();
 * const bytes = new TextEncoder().encode("art,art");
 * table.insert(bytes, 0, 3); // 0
 * table.find(bytes, 4, 7); // 0 ("art" again)
 * table.find(bytes, 0, 2); // -1
 */
export class ByteKeyTable {
  private slots = new Int32Array(64);
  private hashes = new Uint32Array(16);
  private offsets = new Int32Array(17);
  private arena = new Uint8Array(1024);
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The entry number of the key `bytes[start, end)`, or -1 when absent. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashRange(bytes, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && this.equals(entry, bytes, start, end)) return entry;
    }
  }

  /** Adds the key `bytes[start, end)` (which must be absent) and returns its entry number. */
  insert(bytes: Uint8Array, start: number, end: number): number {
    const entry = this.count;
    if ((entry + 1) * 2 > this.slots.length) this.grow();
    if (entry + 1 >= this.hashes.length) {
      this.hashes = resize(this.hashes, this.hashes.length * 2);
      this.offsets = resize(this.offsets, this.offsets.length * 2);
    }
    const offset = this.offsets[entry]!;
    const length = end - start;
    if (offset + length > this.arena.length) {
      this.arena = resize(this.arena, Math.max(this.arena.length * 2, offset + length));
    }
    this.arena.set(bytes.subarray(start, end), offset);
    this.offsets[entry + 1] = offset + length;
    const hash = hashRange(bytes, start, end);
    this.hashes[entry] = hash;
    this.place(entry, hash);
    this.count++;
    return entry;
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const offset = this.offsets[entry]!;
    if (this.offsets[entry + 1]! - offset !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = offset; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let entry = 0; entry < this.count; entry++) this.place(entry, this.hashes[entry]!);
  }
}

function resize<T extends Uint8Array | Int32Array | Uint32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
