import { createPrng, deriveSeed, type Prng } from "./createPrng";

/** A finite pool of generated entities (users, posters) drawn with a popularity skew. */
export interface EntityPool<T> {
  /** Picks an entity from a uniform float in [0, 1): low ids are far more popular than high ones. */
  pick(uniform: number): T;
  /** The entity with this id (0 ≤ id < size), always the same for the same seed. */
  at(id: number): T;
}

const DENSE_CACHE_LIMIT = 1 << 22;

function denseCache<T>(size: number): { get(id: number): T | undefined; set(id: number, entity: T): void } {
  const slots = new Array<T | undefined>(size).fill(undefined);
  return {
    get: (id) => slots[id],
    set: (id, entity) => {
      slots[id] = entity;
    },
  };
}

/**
 * Creates a pool of `size` entities, each built lazily by `make` from its id and its own PRNG stream
 * seeded by (seed, kind, id), so an entity never depends on the order entities are first drawn in. Picking is
 * skewed: `id = floor(size · u^skew)`, so entity 0 gets a share of `size^(-1/skew)` and the tail is
 * long (as with users and posters in real data). Built entities are cached (memory ≤ size entities).
 *
 * @example
 * const pool = createEntityPool(1, 7, 1000, 3, (prng) => prng.nextInt(100));
 * pool.pick(0.5) === pool.at(Math.floor(1000 * 0.5 ** 3)); // true
 */
export function createEntityPool<T>(
  seed: number,
  kind: number,
  size: number,
  skew: number,
  make: (prng: Prng, id: number) => T,
): EntityPool<T> {
  // A dense array is much faster than a Map for the usual pool sizes; huge pools fall back to a Map.
  const cache: { get(id: number): T | undefined; set(id: number, entity: T): unknown } =
    size <= DENSE_CACHE_LIMIT ? denseCache<T>(size) : new Map<number, T>();
  const at = (id: number): T => {
    let entity = cache.get(id);
    if (entity === undefined) {
      entity = make(createPrng(deriveSeed(seed, kind, id)), id);
      cache.set(id, entity);
    }
    return entity;
  };
  return {
    at,
    pick: (uniform) => at(Math.floor(size * uniform ** skew)),
  };
}
