import { createEntityPool, type EntityPool } from "./createEntityPool";
import { deriveSeed, type Prng } from "./createPrng";
import { createWeightedPicker } from "./createWeightedPicker";
import { FIRST_NAMES, LAST_NAMES } from "./personNames";
import { RAW_DATA_CALIBRATION } from "./rawDataCalibration";
import { POSTER_WORDS } from "./textVocabulary";

/** A generated poster (the account a pin comes from): a stable name and follower count. */
export interface PooledPoster {
  readonly name: string;
  /** As producers write it: `"950"`, `"12k"` or `"2M"`. */
  readonly followerCount: string;
}

const POSTER_POOL_KIND = 2;
const POSTER_NAME_STREAM = 3;

const { followerFormWeights, millionWeights } = RAW_DATA_CALIBRATION;
const pickForm = createWeightedPicker([
  followerFormWeights.digits,
  followerFormWeights.thousands,
  followerFormWeights.millions,
]);
const millionValues = Object.keys(millionWeights).map(Number);
const pickMillion = createWeightedPicker(millionValues.map((m) => millionWeights[m]!));

/**
 * Names come from five equally common styles. Poster `id` takes style `id mod 5` and, within it, the
 * `floor(id / 5)`-th entry of a seeded permutation of that style's name space, so two posters of a
 * pool share a name only when a style's space (≥ 4,900 names) is exhausted.
 */
const NAME_STYLES: readonly { readonly size: number; readonly name: (k: number) => string }[] = [
  {
    size: FIRST_NAMES.length * LAST_NAMES.length,
    name: (k) => `${FIRST_NAMES[k % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(k / FIRST_NAMES.length)]}`,
  },
  { size: POSTER_WORDS.length ** 2, name: (k) => `${digit(k, 0)} ${digit(k, 1)}` },
  { size: POSTER_WORDS.length ** 2, name: (k) => `${digit(k, 0)}${digit(k, 1)}` },
  { size: POSTER_WORDS.length ** 2, name: (k) => `The ${digit(k, 0)} ${digit(k, 1)}` },
  { size: POSTER_WORDS.length ** 3, name: (k) => `${digit(k, 0)} & ${digit(k, 1)} ${digit(k, 2)}` },
];
/** A prime larger than every style's name space, so multiplying by it permutes each space. */
const PERMUTATION_PRIME = 1_000_003;

function digit(k: number, position: number): string {
  return POSTER_WORDS[Math.floor(k / POSTER_WORDS.length ** position) % POSTER_WORDS.length]!;
}

function makePosterName(seed: number, id: number): string {
  const style = NAME_STYLES[id % NAME_STYLES.length]!;
  const k = Math.floor(id / NAME_STYLES.length) % style.size;
  const offset = deriveSeed(seed, POSTER_NAME_STREAM, id % NAME_STYLES.length) % style.size;
  return style.name((k * PERMUTATION_PRIME + offset) % style.size);
}

function makeFollowerCount(prng: Prng): string {
  const form = pickForm(prng.nextFloat());
  if (form === 0) {
    // Plain counts are spread wider than log-uniform: half log-uniform, half uniform over 0..999.
    const value = prng.nextFloat() < 0.5 ? Math.floor(1000 ** prng.nextFloat()) - 1 : prng.nextInt(1000);
    return String(value);
  }
  // Thousands are log-uniform over 1k..999k (real median ≈ 45k).
  if (form === 1) return `${Math.floor(999 ** prng.nextFloat())}k`;
  return `${millionValues[pickMillion(prng.nextFloat())]}M`;
}

/**
 * Creates the poster pool of a generator run: Zipf-like popularity (the top poster writes ≈ 2.5 % of
 * pins, like the busiest real account), names composed from word and person-name lists, and a
 * follower count in the measured forms that stays the same on every pin of the poster.
 *
 * @example
 * const posters = createPosterPool(42, 20_000);
 * posters.at(3).followerCount; // e.g. "12k", stable for seed 42
 */
export function createPosterPool(seed: number, size: number): EntityPool<PooledPoster> {
  return createEntityPool(seed, POSTER_POOL_KIND, size, 2.6, (prng, id) => ({
    name: makePosterName(seed, id),
    followerCount: makeFollowerCount(prng),
  }));
}
