/**
 * Builds a sampler over indices `0..weights.length-1` with probabilities proportional to `weights`,
 * driven by a uniform float in [0, 1) supplied by the caller (so any PRNG can drive it).
 *
 * @example
 * const pick = createWeightedPicker([3, 1]);
 * pick(0.5); // 0 (the first 75 % of [0, 1) maps to index 0)
 * pick(0.9); // 1
 */
export function createWeightedPicker(weights: readonly number[]): (uniform: number) => number {
  if (weights.length === 0) throw new RangeError("weights must not be empty");
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`weight ${i} is not a finite number >= 0`);
    total += weight;
    cumulative[i] = total;
  });
  if (total <= 0) throw new RangeError("weights must not all be zero");
  const last = weights.length - 1;
  return (uniform: number): number => {
    const target = uniform * total;
    // Binary search for the first cumulative weight above the target.
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}
