/**
 * Whether a UTF-16 code unit is white space or a line terminator as `String.prototype.trim`
 * understands them (ASCII blanks, U+00A0 no-break space, U+FEFF, the Unicode space separators…).
 *
 * @example
 * isWhitespaceCode(0xa0); // true
 * isWhitespaceCode(65); // false ("A")
 */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Whether a string is empty or made only of white space (as {@link isWhitespaceCode}). Returns on
 * the first non-blank character, so ordinary values cost one comparison.
 *
 * @example
 * isBlank(" \u00a0\t"); // true
 * isBlank(" a "); // false
 */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}
