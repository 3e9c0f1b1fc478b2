const encoder = new TextEncoder();

/**
 * A growable byte buffer: the one buffer builder every string and validity column of the clean row
 * builders appends to (as arrow-js shares one builder between its column types). It doubles as it
 * grows; {@link ByteBuilder.take} hands out an exact-length copy and starts over.
 *
 * @example
 * const builder = new ByteBuilder();
 * builder.append(new TextEncoder().encode("Chad"), 0, 4);
 * builder.push(1);
 * builder.take(); // Uint8Array [67, 104, 97, 100, 1]
 */
export class ByteBuilder {
  /** Bytes appended since the last take. */
  length = 0;
  private bytes: Uint8Array;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Appends one byte. */
  push(byte: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  /** Appends `source[start, end)`. */
  append(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.bytes.length) this.reserve(n);
    const bytes = this.bytes;
    let at = this.length;
    // Short runs (most field values) copy faster byte by byte than through a subarray.
    if (n < 32) for (let i = start; i < end; i++) bytes[at++] = source[i]!;
    else bytes.set(source.subarray(start, end), at);
    this.length += n;
  }

  /** Appends the UTF-8 encoding of `text` (lone surrogates become U+FFFD). */
  appendText(text: string): void {
    // Three bytes per UTF-16 unit is the most UTF-8 can need.
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** The bytes appended so far, as an exact-length copy; the builder is emptied. */
  take(): Uint8Array {
    const taken = this.bytes.slice(0, this.length);
    this.length = 0;
    return taken;
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}
