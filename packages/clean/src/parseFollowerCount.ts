import { isWhitespaceCode } from "./isBlank";

const CHAR_0 = 0x30;
const CHAR_9 = 0x39;
const COMMA = 0x2c;
const DOT = 0x2e;

/** 10^0..10^9, indexed by exponent (all exact doubles). */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The exponent a suffix character stands for, or -1 when it is not a suffix. */
function suffixExponent(code: number): number {
  switch (code) {
    case 0x6b: // k
    case 0x4b: // K
      return 3;
    case 0x6d: // m
    case 0x4d: // M
      return 6;
    case 0x62: // b
    case 0x42: // B
      return 9;
    default:
      return -1;
  }
}

/**
 * Parses a follower count as producers write it into a non-negative safe integer, or `null`.
 *
 * Accepted forms:
 * - a number that is already a non-negative safe integer (half-cleaned producers send `12000`);
 * - a string of ASCII digits (`"987"`, leading zeros allowed), optionally grouped with thousands
 *   commas placed every three digits (`"1,234"`, `"12,345,678"`; `"1,23"` is rejected);
 * - optionally followed by a fraction (`"1.5"`) and by one suffix `k`/`K` (×10^3), `m`/`M` (×10^6)
 *   or `b`/`B` (×10^9) written right after the digits (`"12k"`, `"1.5M"`; not `"12 k"`);
 * - surrounded by any white space, including U+00A0.
 *
 * The value must be a whole number: `"1.5k"` is 1500 and `"12.0"` is 12, but `"1.2345k"`
 * (1234.5) and `"1.5"` are `null` rather than rounded, because rounding would invent data. The
 * arithmetic is exact decimal (no floating-point error: `"1.1k"` is exactly 1100). Anything
 * else is `null`: placeholders such as `"User Info Error"`, negatives, signs, `NaN`, infinities,
 * values above `Number.MAX_SAFE_INTEGER`, other types. Never throws.
 *
 * @example
 * parseFollowerCount("2M"); // 2000000
 * parseFollowerCount(" 1,234\u00a0"); // 1234
 * parseFollowerCount("1.2345k"); // null (not a whole number)
 * parseFollowerCount("User Info Error"); // null
 */
export function parseFollowerCount(value: unknown): number | null {
  if (typeof value === "number") {
    // `+ 0` turns -0 into 0.
    return Number.isSafeInteger(value) && value >= 0 ? value + 0 : null;
  }
  if (typeof value !== "string") return null;
  return parseFollowerCountText(value);
}

/**
 * The common producer forms, up to 15 digits with at most one suffix and nothing else (`"987"`,
 * `"12k"`, `"2M"`), read in one pass. Returns -1 for any other text, which the general parser then
 * decides.
 */
function parseSimpleFollowerCount(text: string): number {
  const length = text.length;
  let value = 0;
  let i = 0;
  // Up to 15 digits the value is exact; the product with 10^k is then exact whenever it is safe.
  for (; i < length && i <= 15; i++) {
    const digit = text.charCodeAt(i) - CHAR_0;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (i === 0 || i > 15) return -1;
  if (i === length) return value;
  if (i !== length - 1) return -1;
  const exponent = suffixExponent(text.charCodeAt(i));
  if (exponent < 0) return -1;
  const result = value * (POWERS_OF_TEN[exponent] as number);
  return result <= Number.MAX_SAFE_INTEGER ? result : -1;
}

function parseFollowerCountText(text: string): number | null {
  const simple = parseSimpleFollowerCount(text);
  if (simple >= 0) return simple;
  return parseGeneralFollowerCount(text);
}

function parseGeneralFollowerCount(text: string): number | null {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespaceCode(text.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
  if (start === end) return null;

  let exponent = 0;
  const suffix = suffixExponent(text.charCodeAt(end - 1));
  if (suffix >= 0) {
    exponent = suffix;
    end--;
  }

  // Integer part: digits, with optional thousands commas that must close groups of exactly three.
  let mantissa = 0;
  let i = start;
  let groupDigits = 0; // digits since the start or since the last comma
  let sawComma = false;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code >= CHAR_0 && code <= CHAR_9) {
      mantissa = mantissa * 10 + (code - CHAR_0);
      // The value is at least the mantissa, so past the safe range it can only be null.
      if (mantissa > Number.MAX_SAFE_INTEGER) return null;
      groupDigits++;
    } else if (code === COMMA) {
      if (groupDigits === 0 || groupDigits > 3 || (sawComma && groupDigits !== 3)) return null;
      sawComma = true;
      groupDigits = 0;
    } else {
      break;
    }
    i++;
  }
  if (groupDigits === 0 || (sawComma && groupDigits !== 3)) return null;

  // Fraction: trailing zeros do not change the value, so they are not folded into the mantissa.
  let fractionDigits = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== DOT) return null;
    i++;
    let fractionEnd = end;
    while (fractionEnd > i && text.charCodeAt(fractionEnd - 1) === CHAR_0) fractionEnd--;
    if (i === end) return null; // "5." or "5.k": a dot needs digits after it
    for (let j = i; j < end; j++) {
      const code = text.charCodeAt(j);
      if (code < CHAR_0 || code > CHAR_9) return null;
    }
    fractionDigits = fractionEnd - i;
    // The kept fraction ends in a non-zero digit, so more fraction digits than the suffix shifts
    // leave a non-whole value.
    if (fractionDigits > exponent) return null;
    for (; i < fractionEnd; i++) {
      mantissa = mantissa * 10 + (text.charCodeAt(i) - CHAR_0);
      if (mantissa > Number.MAX_SAFE_INTEGER) return null;
    }
  }

  // value = mantissa × 10^(exponent − fractionDigits). A double product of integers is exact whenever
  // the true product is at most 2^53, so this comparison is exact too.
  const result = mantissa * (POWERS_OF_TEN[exponent - fractionDigits] as number);
  return result <= Number.MAX_SAFE_INTEGER ? result : null;
}
