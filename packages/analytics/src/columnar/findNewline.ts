/**
 * Index of the first `\n` in `bytes[start, end)`, or `end` when there is none. With `words` (the
 * same 4-byte aligned memory as 32-bit words) it tests four bytes at a time, which is several
 * times faster than `Uint8Array.prototype.indexOf` on long lines.
 *
 * @example
 * findNewline(new TextEncoder().encode("ab\ncd"), null, 0, 5); // 2
 */
export function findNewline(
  bytes: Uint8Array,
  words: Uint32Array | null,
  start: number,
  end: number,
): number {
  let i = start;
  if (words !== null) {
    while (i < end && (i & 3) !== 0) {
      if (bytes[i] === 0x0a) return i;
      i++;
    }
    let word = i >>> 2;
    const lastWord = end >>> 2;
    while (word < lastWord) {
      const x = words[word]! ^ 0x0a0a0a0a;
      if (((x - 0x01010101) & ~x & 0x80808080) !== 0) break;
      word++;
    }
    i = Math.max(i, word << 2);
  }
  for (; i < end; i++) if (bytes[i] === 0x0a) return i;
  return end;
}
