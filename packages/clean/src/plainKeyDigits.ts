import { MAX_SAFE_DIGITS } from "./integerOfLiteral";

/**
 * Most digits {@link plainKeyDigits} reads: one fewer than `Number.MAX_SAFE_INTEGER` has, so every
 * such literal is a safe integer without comparing digits (derived from the bound
 * `integerOfLiteral` checks longer literals against).
 *
 * @example
 * MAX_PLAIN_KEY_DIGITS; // 15
 */
export const MAX_PLAIN_KEY_DIGITS = MAX_SAFE_DIGITS.length - 1;

/**
 * The record key spelled by the JSON number literal `bytes[start, end)` when it is plain digits:
 * 1 to {@link MAX_PLAIN_KEY_DIGITS} ASCII digits without a superfluous leading zero (`0` itself is
 * 0). -1 otherwise: signs, fractions, exponents, longer literals, anything else. On the literals it
 * reads it agrees with `integerOfLiteral` (the exact rule on the text, which the string form
 * `keyLiteralIssue` applies), and so with what `readRecordKey` makes of `JSON.parse`'s number;
 * for the rest the caller asks the string form. Never throws, allocates nothing.
 *
 * @example
 * const line = new TextEncoder().encode('{"ind":7421}');
 * plainKeyDigits(line, 7, 11); // 7421
 * plainKeyDigits(new TextEncoder().encode("1e2"), 0, 3); // -1 (integerOfLiteral says 100)
 */
export function plainKeyDigits(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > MAX_PLAIN_KEY_DIGITS || start < 0 || end > bytes.length) return -1;
  if (bytes[start] === 0x30) return length === 1 ? 0 : -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
