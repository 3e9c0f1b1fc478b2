import { IngestInputError } from "../kafkaConnect/ingestInputError";

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** Seeds CPython accepts as ints: any safe integer or bigint (the sign is dropped, as CPython does). */
export type PythonIntSeed = number | bigint;

/** CPython splits `abs(seed)` into 32-bit words, least significant first; `0` gives one zero word. */
const seedKey = (seed: PythonIntSeed): number[] => {
  if (typeof seed === "number" && !Number.isSafeInteger(seed)) {
    throw new IngestInputError("PythonRandom", `seed ${seed} is not a safe integer (pass a bigint)`);
  }
  if (typeof seed !== "number" && typeof seed !== "bigint") {
    throw new IngestInputError("PythonRandom", "seed is neither a number nor a bigint");
  }
  let rest = BigInt(seed);
  if (rest < 0n) rest = -rest;
  const key: number[] = [];
  do {
    key.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  return key;
};

/**
 * Python's `random.Random` for int seeds, bit for bit: the MT19937 generator seeded through
 * `init_by_array` exactly as CPython's `random.seed(int)` does, with `getrandbits`, `randrange` and
 * `randint` drawing as CPython's do (`_randbelow_with_getrandbits`: draw `n.bit_length()` bits, retry
 * while the draw is `>= n`). Only what the posting emulator needs is here: ranges below 2^32.
 *
 * @example
 * const random = new PythonRandom(100);
 * random.randrange(0, 2); // 0 (the emulator's first sleep)
 * random.randint(0, 11000); // 7528 (its first row)
 */
export class PythonRandom {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed: PythonIntSeed) {
    const key = seedKey(seed);
    const mt = this.state;
    // init_genrand(19650218)
    mt[0] = 19650218;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1]!;
      mt[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
    // init_by_array(key)
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const previous = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(previous ^ (previous >>> 30), 1664525)) + key[j]! + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** Next raw 32-bit output of MT19937 (CPython's `genrand_uint32`). */
  private nextUint32(): number {
    const mt = this.state;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k]! & UPPER_MASK) | (mt[(k + 1) % N]! & LOWER_MASK);
        mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * Python's `getrandbits(k)` for `1 <= k <= 32`: the top `k` bits of one 32-bit output.
   *
   * @throws {IngestInputError} when `k` is not an integer from 1 to 32.
   */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) {
      throw new IngestInputError("PythonRandom.getrandbits", `k ${k} is not an integer from 1 to 32`);
    }
    return this.nextUint32() >>> (32 - k);
  }

  /**
   * Python's `randrange(start, stop)` (step 1): `start + _randbelow(stop - start)`.
   *
   * @throws {IngestInputError} when the bounds are not safe integers or the range is empty or 2^32 wide or more.
   */
  randrange(start: number, stop: number): number {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(stop)) {
      throw new IngestInputError("PythonRandom.randrange", "start and stop must be safe integers");
    }
    const width = stop - start;
    if (width <= 0) throw new IngestInputError("PythonRandom.randrange", `empty range (${start}, ${stop})`);
    if (width >= 2 ** 32)
      throw new IngestInputError("PythonRandom.randrange", "ranges of 2^32 or more are not supported");
    const bits = width.toString(2).length;
    let draw = this.getrandbits(bits);
    while (draw >= width) draw = this.getrandbits(bits);
    return start + draw;
  }

  /**
   * Python's `randint(a, b)`: `randrange(a, b + 1)`, both ends included.
   *
   * @throws {IngestInputError} as {@link PythonRandom.randrange} does.
   */
  randint(a: number, b: number): number {
    return this.randrange(a, b + 1);
  }
}
