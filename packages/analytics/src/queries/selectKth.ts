/**
 * Partially sorts `values[from … to-1]` in place so that position `k` holds the value a full
 * ascending sort would put there, everything before it is ≤ and everything after it ≥ that value
 * (Hoare's selection with a median-of-three pivot; linear time on average, and many equal values,
 * common in follower counts, keep the partitions balanced).
 *
 * @example
 * const values = new Float64Array([5, 1, 4, 2, 3]);
 * selectKth(values, 0, 5, 1);
 * values[1]; // 2
 */
export function selectKth(values: Float64Array, from: number, to: number, k: number): void {
  let left = from;
  let right = to - 1;
  while (left < right) {
    const pivot = medianOfThree(values[left]!, values[(left + right) >>> 1]!, values[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    // Now [left … j] ≤ pivot ≤ [i … right], and anything strictly between j and i equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
