import { AGE_GROUP_BOUNDS, type AgeGroup, ageGroupIndex } from "./ageGroup";
import { type LabeledKey, narrowCodes, orderedKey } from "./labeledKey";

const AGE_GROUP_LABELS: readonly AgeGroup[] = AGE_GROUP_BOUNDS.map((group) => group.label);

/** Groups of the integer ages 0 … 150, looked up instead of tested bound by bound. */
const GROUP_OF_AGE = Int8Array.from({ length: 151 }, (_, age) => ageGroupIndex(age));

/**
 * A grouping key of {@link AGE_GROUP_BOUNDS} from an age column; rows whose age has no group
 * (below 18, null) are dropped.
 *
 * @example
 * const key = ageGroupKey(new Float64Array([30, 12, Number.NaN, 70]), 4);
 * Array.from(key.codes); // [1, -1, -1, 3]
 * key.labels[3]; // "+50"
 */
export function ageGroupKey(ages: Float64Array, length: number): LabeledKey<AgeGroup> {
  const codes = narrowCodes(length, AGE_GROUP_LABELS.length);
  for (let row = 0; row < length; row++) {
    const age = ages[row]!;
    codes[row] = GROUP_OF_AGE[age] ?? ageGroupIndex(age);
  }
  return orderedKey(codes, AGE_GROUP_LABELS);
}
