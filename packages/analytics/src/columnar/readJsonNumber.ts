/**
 * The value of the JSON number literal `bytes[start, end)` (already validated by the scanner),
 * exactly as `JSON.parse` gives it: short plain integers are summed digit by digit, anything else
 * (signs, fractions, exponents, more than 15 digits) goes through `Number`, which rounds the same way.
 *
 * @example
 * readJsonNumber(new TextEncoder().encode("-12.5e1"), 0, 7); // -125
 */
export function readJsonNumber(bytes: Uint8Array, start: number, end: number): number {
  if (end - start <= 15) {
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = bytes[i]! - 0x30;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) return value;
  }
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return Number(text);
}
