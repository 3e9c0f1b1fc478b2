/**
 * Whether `bytes[start, end)` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past
 * U+10FFFF), so that decoding it replaces nothing and re-encoding gives the same bytes. ASCII runs
 * cost one comparison per byte.
 *
 * @example
 * isWellFormedUtf8(new Uint8Array([0x61, 0xc2, 0xa0]), 0, 3); // true ("a" + U+00A0)
 * isWellFormedUtf8(new Uint8Array([0xc0, 0x80]), 0, 2); // false (overlong)
 */
export function isWellFormedUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) low = 0xa0;
      else if (c === 0xed) high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) low = 0x90;
      else if (c === 0xf4) high = 0x8f;
    } else return false;
    if (i + need >= end) return false;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}
