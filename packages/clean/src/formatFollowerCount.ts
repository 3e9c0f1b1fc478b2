const SUFFIXES: readonly (readonly [exponent: number, suffix: string])[] = [
  [3, "k"],
  [6, "M"],
  [9, "B"],
];

/**
 * Writes a follower count the way producers do, in its shortest form: plain digits, or the value in
 * thousands (`k`), millions (`M`) or billions (`B`) with a non-zero integer part and an exact
 * decimal fraction when needed. On a tie plain digits win over a suffix (`1200` → `"1200"`, not
 * `"1.2k"`) and a larger unit over a smaller one (`1250000` → `"1.25M"`, not `"1250k"`).
 * `parseFollowerCount(formatFollowerCount(n)) === n` for every non-negative safe integer `n`.
 * Returns `null` for anything else (negatives, fractions, unsafe integers, non-numbers).
 *
 * @example
 * formatFollowerCount(12000); // "12k"
 * formatFollowerCount(1500000); // "1.5M"
 * formatFollowerCount(987); // "987"
 * formatFollowerCount(-1); // null
 */
export function formatFollowerCount(count: unknown): string | null {
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) return null;
  const digits = String(count + 0); // safe integers print as plain digits, never in exponent form
  let best = digits;
  for (const [exponent, suffix] of SUFFIXES) {
    if (digits.length <= exponent) break;
    const integerPart = digits.slice(0, digits.length - exponent);
    let fraction = digits.slice(digits.length - exponent);
    let fractionEnd = fraction.length;
    while (fractionEnd > 0 && fraction.charCodeAt(fractionEnd - 1) === 0x30) fractionEnd--;
    fraction = fraction.slice(0, fractionEnd);
    const candidate = fraction === "" ? integerPart + suffix : `${integerPart}.${fraction}${suffix}`;
    if (candidate.length < best.length || (candidate.length === best.length && best !== digits)) {
      best = candidate;
    }
  }
  return best;
}
