/** A JSON number literal: sign, integer digits, fraction digits, exponent. */
const NUMBER_LITERAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Digits of `Number.MAX_SAFE_INTEGER`, the largest key: the bound shared by this exact rule and
 * its plain-digits byte form, `plainKeyDigits`.
 *
 * @example
 * MAX_SAFE_DIGITS; // "9007199254740991"
 */
export const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/**
 * The exponent as a number; one of more than 12 digits as ±1e10, which no line is long enough to
 * bring back into the safe range (a string holds fewer than 2^30 digits).
 */
function exponentValue(text: string): number {
  const magnitude = text.replace(/^[+-]?0*/, "");
  if (magnitude.length <= 12) return Number(text);
  return text.startsWith("-") ? -1e10 : 1e10;
}

/**
 * The non-negative safe integer that the JSON number literal `literal` denotes exactly, or -1 when
 * it denotes another value (a fraction, a negative, anything above `Number.MAX_SAFE_INTEGER`) or is
 * not a JSON number literal. Decided on the decimal text, not on the rounded double: `1e-400`,
 * `4503599627370495.5` and `1.00000000000000001` parse to integers but denote none, so they are -1;
 * `1e2`, `1.0` and `-0` denote 100, 1 and 0 exactly.
 *
 * Its byte form for the common case, `plainKeyDigits` (1 to 15 plain digits), agrees with it
 * wherever it gives a key; this string form is not built on it (it would have to encode the text
 * first, and is not on a hot path), but both take their bound from {@link MAX_SAFE_DIGITS}.
 *
 * @example
 * integerOfLiteral("1e2"); // 100
 * integerOfLiteral("-0"); // 0
 * integerOfLiteral("1e-400"); // -1 (JSON.parse gives 0, but the text is not an integer)
 * integerOfLiteral("9007199254740993"); // -1
 */
export function integerOfLiteral(literal: string): number {
  const parts = NUMBER_LITERAL.exec(literal);
  if (parts === null) return -1;
  const [, sign, whole = "", fraction = "", exponentText = "0"] = parts;
  let digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return 0;
  if (sign === "-") return -1;
  let exponent = exponentValue(exponentText) - fraction.length;
  const trailingZeros = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailingZeros);
  exponent += trailingZeros;
  // Without trailing zeros, a negative power of ten leaves a fraction.
  if (exponent < 0 || digits.length + exponent > MAX_SAFE_DIGITS.length) return -1;
  const text = digits + "0".repeat(exponent);
  if (text.length === MAX_SAFE_DIGITS.length && text > MAX_SAFE_DIGITS) return -1;
  return Number(text);
}
