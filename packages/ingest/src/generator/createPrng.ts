/**
 * A seeded pseudo-random number generator (sfc32): fast, 128 bits of state, good enough statistics
 * for synthetic data. Not for cryptography.
 */
export interface Prng {
  /** The next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** The next float, uniform in [0, 1). */
  nextFloat(): number;
  /** The next integer, uniform in [0, bound) (`bound` a positive integer below 2^32). */
  nextInt(bound: number): number;
}

const TWO_POW_32 = 4294967296;

class Sfc32 implements Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Both 32-bit halves of the seed feed the state, so seeds that differ only above bit 31 differ.
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    this.a = 0x9e3779b9 ^ low;
    this.b = 0x243f6a88 ^ high;
    this.c = 0xb7e15162;
    this.d = 1;
    // Discard the first outputs: they are still correlated with the raw seed bits.
    for (let i = 0; i < 16; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }
}

/**
 * Creates a deterministic PRNG from an integer seed (any safe integer, negative included): the same
 * seed always yields the same sequence.
 *
 * @example
 * const prng = createPrng(42);
 * prng.nextInt(6); // an integer in 0..5, the same one on every run
 */
export function createPrng(seed: number): Prng {
  return new Sfc32(seed);
}

/**
 * Mixes a seed with extra integers into one 32-bit seed, for independent sub-streams (e.g. one per
 * user of a pool) that stay stable whatever else is drawn.
 *
 * @example
 * const userPrng = createPrng(deriveSeed(42, 7, 1001)); // stream for entity 1001 of kind 7
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x85ebca6b);
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 13;
  }
  return h >>> 0;
}
