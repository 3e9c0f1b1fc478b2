/**
 * A growable byte buffer with little-endian writers. One instance is reset and reused for every
 * page, chunk and footer, so steady-state writing allocates nothing per value.
 *
 * @example
 * const out = new ByteBufferBuilder();
 * out.writeInt32LE(7);
 * out.toBytes(); // Uint8Array [7, 0, 0, 0]
 */
export class ByteBufferBuilder {
  /** The backing store; only `[0, length)` is meaningful. Replaced when the buffer grows. */
  bytes: Uint8Array;
  /** A view over `bytes`, kept in step with it. */
  view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialCapacity = 64 * 1024) {
    this.bytes = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.bytes.buffer);
  }

  /**
   * Makes room for `extra` more bytes, doubling so appends stay amortised O(1).
   *
   * @example
   * out.reserve(1024); // the next 1024 bytes of writes will not reallocate
   */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /**
   * Forgets the content but keeps the capacity for the next use.
   *
   * @example
   * out.reset(); // out.length === 0
   */
  reset(): void {
    this.length = 0;
  }

  /**
   * Appends one byte.
   *
   * @example
   * out.writeByte(0x15);
   */
  writeByte(value: number): void {
    if (this.length >= this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /**
   * Appends `source[start, end)`.
   *
   * @example
   * out.writeBytes(new TextEncoder().encode("PAR1"));
   */
  writeBytes(source: Uint8Array, start = 0, end = source.length): void {
    const count = end - start;
    this.reserve(count);
    const bytes = this.bytes;
    let at = this.length;
    // Short copies by hand: a subarray view per value would allocate.
    if (count < 48) {
      for (let i = start; i < end; i++) bytes[at++] = source[i]!;
    } else {
      bytes.set(start === 0 && end === source.length ? source : source.subarray(start, end), at);
    }
    this.length += count;
  }

  /**
   * Appends a little-endian 32-bit integer (signed or unsigned by bit pattern).
   *
   * @example
   * out.writeInt32LE(-1); // ff ff ff ff
   */
  writeInt32LE(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, value | 0, true);
    this.length += 4;
  }

  /**
   * Overwrites 4 bytes at `offset` with a little-endian 32-bit integer (for length prefixes
   * known only after the body is written).
   *
   * @example
   * const at = out.length; out.writeInt32LE(0); // ...body...; out.patchInt32LE(at, out.length - at - 4);
   */
  patchInt32LE(offset: number, value: number): void {
    this.view.setInt32(offset, value | 0, true);
  }

  /**
   * Appends a safe integer as a little-endian two's complement 64-bit integer, without BigInt.
   *
   * @example
   * out.writeInt64LE(-2); // fe ff ff ff ff ff ff ff
   */
  writeInt64LE(value: number): void {
    this.reserve(8);
    const high = Math.floor(value / 4294967296);
    this.view.setUint32(this.length, value - high * 4294967296, true);
    this.view.setInt32(this.length + 4, high, true);
    this.length += 8;
  }

  /**
   * Appends a little-endian IEEE 754 double.
   *
   * @example
   * out.writeFloat64LE(1.5);
   */
  writeFloat64LE(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /**
   * Appends an unsigned LEB128 varint; exact for any safe non-negative integer.
   *
   * @example
   * out.writeVarint(300); // ac 02
   */
  writeVarint(value: number): void {
    this.reserve(8);
    const bytes = this.bytes;
    // Division instead of shifts: values may exceed 32 bits (i64 fields, zigzagged).
    while (value >= 0x80) {
      bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    bytes[this.length++] = value;
  }

  /**
   * Hands the bytes written so far to the caller without copying, and starts an empty buffer
   * sized for a similar next content (so steady streaming neither copies nor regrows).
   *
   * @example
   * const rowGroup = out.takeBytes(); // out is now empty
   */
  takeBytes(): Uint8Array {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = new Uint8Array(Math.max(1024, this.length + (this.length >>> 3)));
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
    return taken;
  }

  /**
   * A copy of the bytes written so far, safe to keep after this builder is reused.
   *
   * @example
   * const chunk = out.toBytes();
   */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
