/**
 * Whether a UTF-16 code unit is white space or a line terminator as `String.prototype.trim`
 * understands them (ASCII blanks, U+00A0 no-break space, U+FEFF, the Unicode space separators…).
 *
 * The one blank set of the cleaners (placeholders, name trimming), in strings and in bytes: below
 * 0x80 a UTF-8 byte is the whole character, so the byte forms (`ColumnPlaceholders`,
 * `isTrimmedNameBytes`) apply this same test to ASCII bytes.
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
 * Whether a UTF-16 code unit (or a UTF-8 byte) is a visible ASCII character, `!` to `~`: never
 * white space, and in UTF-8 the whole character. The cheap "cannot be blank, needs no trimming"
 * test of the hot paths, in strings and in bytes alike.
 *
 * @example
 * isVisibleAscii(65); // true ("A")
 * isVisibleAscii(0x20); // false (space)
 * isVisibleAscii(0xc2); // false (first byte of U+00A0 in UTF-8)
 */
export function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
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
