import type { Prng } from "./createPrng";

// Two-character lookup: concatenating table entries is much faster than toString(16) + padStart.
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * Draws `2 · bytes` random lowercase hex characters.
 *
 * @example
 * randomHex(createPrng(1), 16).length; // 32
 */
export function randomHex(prng: Prng, bytes: number): string {
  let text = "";
  for (let i = 0; i < bytes; i += 4) {
    const word = prng.nextUint32();
    text += BYTE_HEX[word >>> 24]! + BYTE_HEX[(word >>> 16) & 255]!;
    if (i + 2 < bytes) text += BYTE_HEX[(word >>> 8) & 255]!;
    if (i + 3 < bytes) text += BYTE_HEX[word & 255]!;
  }
  return text;
}
