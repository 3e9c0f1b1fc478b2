/** Value tags mixed into field hashes, so `null`, a string and a number never hash alike by layout. */
const TAG_NULL = 0x6e756c6c;
const TAG_BYTES = 0x62797473;
const TAG_NUMBER = 0x6e756d62;
const TAG_PAIR = 0x70616972;

const SEED_LO = 0x9747b28c;
const SEED_HI = 0x2f6b3a91;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One 32-bit word into the low lane (MurmurHash3 x86_32 round). */
function mixLo(h: number, k: number): number {
  k = Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
  return (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
}

/** The same word into the high lane with other constants, so the two lanes are independent. */
function mixHi(h: number, k: number): number {
  k = Math.imul(rotl(Math.imul(k, 0x239b961b), 16), 0xab0e9789);
  return (Math.imul(rotl(h ^ k, 17), 5) + 0x38b34ae5) | 0;
}

const numberView = new Float64Array(1);
const numberWords = new Int32Array(numberView.buffer);

/**
 * Streams the values of one clean record, column by column, into a 64-bit hash (two 32-bit
 * lanes of MurmurHash3-style mixing). Each value is first hashed on its own to a 64-bit field hash
 * that is then folded into the record, so a caller may cache field hashes of repeated values and
 * fold them with {@link RecordHasher.addFieldHash}. Strings are hashed as their UTF-8 bytes (WTF-8
 * for lone surrogates), numbers as their IEEE-754 bits: the byte scanner and the object path give
 * equal hashes for equal records. Not cryptographic; used to find exact duplicates.
 *
 * @example
 * const hasher = new RecordHasher();
 * hasher.begin();
 * hasher.addNumber(7);
 * hasher.addString("Chad");
 * hasher.addNull();
 * const out = new Int32Array(2);
 * hasher.end(out, 0); // out holds the 64-bit hash of [7, "Chad", null]
 */
export class RecordHasher {
  /** Low word of the last field hash computed. */
  fieldLo = 0;
  /** High word of the last field hash computed. */
  fieldHi = 0;
  private lo = 0;
  private hi = 0;
  private fields = 0;
  private scratch = new Uint8Array(256);

  /** Starts a new record. */
  begin(): void {
    this.lo = SEED_LO;
    this.hi = SEED_HI;
    this.fields = 0;
  }

  /** Folds a field hash (as computed by the `hash*` methods) into the record. */
  addFieldHash(lo: number, hi: number): void {
    this.lo = mixLo(mixLo(this.lo, lo), hi);
    this.hi = mixHi(mixHi(this.hi, hi), lo);
    this.fields++;
  }

  /** Adds a `null` column. */
  addNull(): void {
    this.hashNull();
    this.addFieldHash(this.fieldLo, this.fieldHi);
  }

  /** Adds a number column. */
  addNumber(value: number): void {
    this.hashNumber(value);
    this.addFieldHash(this.fieldLo, this.fieldHi);
  }

  /** Adds a column holding two numbers (coordinates). */
  addNumberPair(first: number, second: number): void {
    this.hashNumberPair(first, second);
    this.addFieldHash(this.fieldLo, this.fieldHi);
  }

  /** Adds a string column given as UTF-8 bytes `bytes[start, end)`. */
  addBytes(bytes: Uint8Array, start: number, end: number): void {
    this.hashBytes(bytes, start, end);
    this.addFieldHash(this.fieldLo, this.fieldHi);
  }

  /** Adds a string column (encoded as WTF-8, which is UTF-8 for well-formed strings). */
  addString(text: string): void {
    this.hashString(text);
    this.addFieldHash(this.fieldLo, this.fieldHi);
  }

  /** Writes the record hash as two 32-bit words at `out[index]`, `out[index + 1]`. */
  end(out: Int32Array, index: number): void {
    let lo = fmix32(this.lo ^ this.fields);
    let hi = fmix32(this.hi ^ this.fields);
    lo = (lo + hi) | 0;
    hi = (hi + lo) | 0;
    out[index] = lo;
    out[index + 1] = hi;
  }

  /** Sets {@link fieldLo}/{@link fieldHi} to the field hash of `null`. */
  hashNull(): void {
    this.finishField(mixLo(SEED_LO, TAG_NULL), mixHi(SEED_HI, TAG_NULL), 0);
  }

  /** Sets {@link fieldLo}/{@link fieldHi} to the field hash of a number (-0 and 0 differ: callers normalise). */
  hashNumber(value: number): void {
    numberView[0] = value;
    const a = numberWords[0]!;
    const b = numberWords[1]!;
    this.finishField(
      mixLo(mixLo(mixLo(SEED_LO, TAG_NUMBER), a), b),
      mixHi(mixHi(mixHi(SEED_HI, TAG_NUMBER), a), b),
      8,
    );
  }

  /** Sets {@link fieldLo}/{@link fieldHi} to the field hash of a pair of numbers. */
  hashNumberPair(first: number, second: number): void {
    numberView[0] = first;
    let lo = mixLo(mixLo(mixLo(SEED_LO, TAG_PAIR), numberWords[0]!), numberWords[1]!);
    let hi = mixHi(mixHi(mixHi(SEED_HI, TAG_PAIR), numberWords[1]!), numberWords[0]!);
    numberView[0] = second;
    lo = mixLo(mixLo(lo, numberWords[0]!), numberWords[1]!);
    hi = mixHi(mixHi(hi, numberWords[1]!), numberWords[0]!);
    this.finishField(lo, hi, 16);
  }

  /** Sets {@link fieldLo}/{@link fieldHi} to the field hash of a string (as its WTF-8 bytes). */
  hashString(text: string): void {
    const length = this.encode(text);
    this.hashBytes(this.scratch, 0, length);
  }

  /** Sets {@link fieldLo}/{@link fieldHi} to the field hash of the string whose UTF-8 bytes are `bytes[start, end)`. */
  hashBytes(bytes: Uint8Array, start: number, end: number): void {
    let lo = mixLo(SEED_LO, TAG_BYTES);
    let hi = mixHi(SEED_HI, TAG_BYTES);
    let i = start;
    for (const stop = end - 3; i < stop; i += 4) {
      const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
      lo = mixLo(lo, k);
      hi = mixHi(hi, k);
    }
    if (i < end) {
      // The tail is padded with a 1 marker byte so "a" and "a\0" differ even before the length.
      let k = 1 << ((end - i) * 8);
      for (let shift = 0; i < end; i++, shift += 8) k |= bytes[i]! << shift;
      lo = mixLo(lo, k);
      hi = mixHi(hi, k);
    }
    this.finishField(lo, hi, end - start);
  }

  private finishField(lo: number, hi: number, length: number): void {
    lo = fmix32(lo ^ length);
    hi = fmix32(hi ^ length);
    this.fieldLo = (lo + hi) | 0;
    this.fieldHi = (hi + this.fieldLo) | 0;
  }

  /** Encodes `text` as WTF-8 into the scratch buffer; returns the byte length. */
  private encode(text: string): number {
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(text.length * 3 + 64);
    const out = this.scratch;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        out[n++] = code;
        continue;
      }
      if (code < 0x800) {
        out[n++] = 0xc0 | (code >> 6);
        out[n++] = 0x80 | (code & 0x3f);
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (code >> 18);
          out[n++] = 0x80 | ((code >> 12) & 0x3f);
          out[n++] = 0x80 | ((code >> 6) & 0x3f);
          out[n++] = 0x80 | (code & 0x3f);
          continue;
        }
      }
      // BMP code points, and lone surrogates as their own 3-byte form (WTF-8), which UTF-8 input never holds.
      out[n++] = 0xe0 | (code >> 12);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    }
    return n;
  }
}
