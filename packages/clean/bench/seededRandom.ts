/**
 * A small deterministic pseudo-random generator (xorshift32) so benchmark inputs are identical
 * from run to run.
 *
 * @example
 * const random = seededRandom(42);
 * random.int(10); // same value on every run
 */
export function seededRandom(seed: number): {
  next(): number;
  int(bound: number): number;
  pick<T>(items: readonly T[]): T;
} {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  return {
    next,
    int: (bound) => Math.floor(next() * bound),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
