import { ByteBufferBuilder } from "./byteBufferBuilder";

/**
 * A byte-string dictionary for RLE_DICTIONARY pages: an open-addressing hash table keyed by the
 * bytes themselves, so looking up a value never decodes or allocates a JS string. Entries keep
 * insertion order, which is the dictionary page order. Reused across chunks via {@link reset}.
 *
 * @example
 * const dictionary = new Utf8Dictionary(1 << 20);
 * const bytes = new TextEncoder().encode("artart");
 * dictionary.add(bytes, 0, 3); // 0
 * dictionary.add(bytes, 3, 6); // 0 again: same bytes
 */
export class Utf8Dictionary {
  /** Concatenated entry bytes. */
  readonly data = new ByteBufferBuilder();
  /** Entry `i` is `data.bytes[offsets[i], offsets[i + 1])`. */
  offsets = new Int32Array(1025);
  /** Number of entries. */
  size = 0;
  /** Bytes the dictionary page would take in PLAIN encoding (4-byte length + bytes per entry). */
  plainSize = 0;
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(2048).fill(-1);

  /** `maxPlainSize`: the dictionary page size beyond which {@link add} refuses new entries. */
  constructor(readonly maxPlainSize: number) {}

  /**
   * Empties the dictionary, keeping its memory.
   *
   * @example
   * dictionary.reset(); // dictionary.size === 0
   */
  reset(): void {
    this.data.reset();
    this.size = 0;
    this.plainSize = 0;
    this.slots.fill(-1);
  }

  /**
   * The index of `bytes[start, end)`, adding it if new; -1 when adding it would make the
   * dictionary page larger than `maxPlainSize` (the caller then falls back to PLAIN).
   *
   * @example
   * dictionary.add(bytes, 0, 3); // 0
   */
  add(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    const data = this.data;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === -1) break;
      if (this.hashes[entry] === hash) {
        const from = this.offsets[entry]!;
        const to = this.offsets[entry + 1]!;
        if (to - from === end - start) {
          const stored = data.bytes;
          let same = true;
          for (let i = 0; i < to - from; i++) {
            if (stored[from + i] !== bytes[start + i]) {
              same = false;
              break;
            }
          }
          if (same) return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.plainSize + 4 + (end - start) > this.maxPlainSize) return -1;
    const index = this.size++;
    if (this.size + 1 > this.offsets.length) this.growEntries();
    data.writeBytes(bytes, start, end);
    this.offsets[index + 1] = data.length;
    this.hashes[index] = hash;
    this.plainSize += 4 + (end - start);
    this.slots[slot] = index;
    // Keep the load factor at most one half so probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return index;
  }

  private growEntries(): void {
    const offsets = new Int32Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}
