import { AGE_GROUP_BOUNDS, type AgeGroup, ageGroupIndex } from "./ageGroup";
import { type LabeledKey, orderedKey } from "./labeledKey";

const AGE_GROUP_LABELS: readonly AgeGroup[] = AGE_GROUP_BOUNDS.map((group) => group.label);

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
  const codes = new Int32Array(length);
  for (let row = 0; row < length; row++) codes[row] = ageGroupIndex(ages[row]!);
  return orderedKey(codes, AGE_GROUP_LABELS);
}
