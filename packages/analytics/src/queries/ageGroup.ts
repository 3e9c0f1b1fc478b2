/**
 * The age groups of q4, q5 and q8, in output order, with inclusive integer bounds (`max: null`
 * means no upper bound). Ages below 18 and null ages belong to no group, so those users drop out
 * of the age-group queries. Ages are integers in the clean schema; a fractional age between two
 * groups' bounds would belong to neither. The TypeScript queries and the SQL `CASE` expression
 * are both generated from this one table.
 *
 * @example
 * AGE_GROUP_BOUNDS.map((group) => group.label); // ["18-24", "25-35", "36-50", "+50"]
 */
export const AGE_GROUP_BOUNDS = [
  { label: "18-24", min: 18, max: 24 },
  { label: "25-35", min: 25, max: 35 },
  { label: "36-50", min: 36, max: 50 },
  { label: "+50", min: 51, max: null },
] as const;

/** The label of an age group, e.g. `"25-35"`. */
export type AgeGroup = (typeof AGE_GROUP_BOUNDS)[number]["label"];

/**
 * The index in {@link AGE_GROUP_BOUNDS} of an age's group, or `-1` when it has none (below 18, `NaN`).
 *
 * @example
 * ageGroupIndex(24); // 0
 * ageGroupIndex(51); // 3
 * ageGroupIndex(17); // -1
 */
export function ageGroupIndex(age: number): number {
  for (let group = 0; group < AGE_GROUP_BOUNDS.length; group++) {
    const { min, max } = AGE_GROUP_BOUNDS[group]!;
    if (age >= min && (max === null || age <= max)) return group;
  }
  return -1;
}
