import { COUNTRY_NAMES } from "./countryNames";
import { createEntityPool, type EntityPool } from "./createEntityPool";
import { createWeightedPicker } from "./createWeightedPicker";
import { formatNaiveTimestamp, naiveTimestampToSeconds } from "./formatNaiveTimestamp";
import { FIRST_NAMES, LAST_NAMES } from "./personNames";
import { RAW_DATA_CALIBRATION } from "./rawDataCalibration";

/**
 * A generated user: identity and home location stay the same on every post of that user, as in
 * real data (one user, one set of coordinates and country).
 */
export interface PooledUser {
  readonly firstName: string;
  readonly lastName: string;
  readonly age: number;
  readonly dateJoined: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly country: string;
}

const USER_POOL_KIND = 1;
/** Country popularity falls with list position as rank^-0.6: top ≈ 5 %, median ≈ 0.25 % (as measured). */
const COUNTRY_SKEW = 0.6;

const pickAge = createWeightedPicker(RAW_DATA_CALIBRATION.ageWeights);
const pickCountry = createWeightedPicker(COUNTRY_NAMES.map((_, rank) => (rank + 1) ** -COUNTRY_SKEW));
const joinedYears = Object.keys(RAW_DATA_CALIBRATION.joinedYearWeights).map(Number);
const pickJoinedYear = createWeightedPicker(
  joinedYears.map((y) => RAW_DATA_CALIBRATION.joinedYearWeights[y]!),
);
const joinedFrom = naiveTimestampToSeconds(RAW_DATA_CALIBRATION.joinedRange.from);
const joinedTo = naiveTimestampToSeconds(RAW_DATA_CALIBRATION.joinedRange.to);
// The part of each weighted year that lies inside the joined range.
const joinedYearSpans = joinedYears.map((year) => {
  const from = Math.max(joinedFrom, Date.UTC(year, 0, 1) / 1000);
  const to = Math.min(joinedTo, Date.UTC(year + 1, 0, 1) / 1000);
  return { from, length: to - from };
});

const roundCoordinate = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Creates the user pool of a generator run: users with real-looking names, the measured age and
 * join-year distributions, uniform coordinates (4 decimals) and a skewed country.
 *
 * @example
 * const users = createUserPool(42, 50_000);
 * users.at(0).age; // an integer in 20..60, the same on every run with seed 42
 */
export function createUserPool(seed: number, size: number): EntityPool<PooledUser> {
  return createEntityPool(seed, USER_POOL_KIND, size, 3, (prng) => {
    const span = joinedYearSpans[pickJoinedYear(prng.nextFloat())]!;
    return {
      firstName: FIRST_NAMES[prng.nextInt(FIRST_NAMES.length)]!,
      lastName: LAST_NAMES[prng.nextInt(LAST_NAMES.length)]!,
      age: 20 + pickAge(prng.nextFloat()),
      dateJoined: formatNaiveTimestamp(span.from + prng.nextInt(span.length)),
      latitude: roundCoordinate(prng.nextFloat() * 180 - 90),
      longitude: roundCoordinate(prng.nextFloat() * 360 - 180),
      country: COUNTRY_NAMES[pickCountry(prng.nextFloat())]!,
    };
  });
}
