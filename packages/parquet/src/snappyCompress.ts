import type { ByteBufferBuilder } from "./byteBufferBuilder";

/** Snappy compresses independent 64 KiB blocks, so copy offsets always fit 16 bits. */
const BLOCK_SIZE = 1 << 16;
const HASH_BITS = 14;
/** Matching needs 4 readable bytes; the block tail shorter than this is a literal. */
const MIN_MATCH = 4;

/**
 * Positions of recently seen 4-byte sequences, reused by every call. Positions are stored plus a
 * growing base, so entries from earlier blocks or calls are simply smaller than the current
 * block's base and count as misses: no clearing per block.
 */
const hashTable = new Int32Array(1 << HASH_BITS);
let tableBase = 1;

/**
 * Appends the raw Snappy compression of `input[start, end)` to `out` (the block format Parquet's
 * SNAPPY codec uses: a varint of the uncompressed length, then literals and copies). Greedy
 * matching on 4-byte sequences through a reused hash table; misses make the scan skip ahead
 * faster, so incompressible data costs little.
 *
 * @example
 * const out = new ByteBufferBuilder();
 * snappyCompress(new TextEncoder().encode("abcdabcdabcdabcd"), out);
 * out.length; // 9: less than the 16 input bytes
 */
export function snappyCompress(
  input: Uint8Array,
  out: ByteBufferBuilder,
  start = 0,
  end = input.length,
): void {
  const length = end - start;
  out.writeVarint(length);
  // Worst case from the format: 32 + n + n/6.
  out.reserve(32 + length + Math.ceil(length / 6));
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let blockStart = start; blockStart < end; blockStart += BLOCK_SIZE) {
    const blockEnd = Math.min(end, blockStart + BLOCK_SIZE);
    if (tableBase > 0x7fff0000 - BLOCK_SIZE) {
      hashTable.fill(0);
      tableBase = 1;
    }
    out.length = compressBlock(input, view, blockStart, blockEnd, out.bytes, out.length, tableBase);
    tableBase += BLOCK_SIZE;
  }
}

function hash(word: number): number {
  return Math.imul(word, 0x1e35a7bd) >>> (32 - HASH_BITS);
}

/** Compresses one block into `dst` at `at`; returns the new end of `dst`. */
function compressBlock(
  src: Uint8Array,
  view: DataView,
  blockStart: number,
  blockEnd: number,
  dst: Uint8Array,
  at: number,
  base: number,
): number {
  let literalStart = blockStart;
  if (blockEnd - blockStart >= MIN_MATCH + 1) {
    // Table entries are `base + offset in block`; anything below `base` is from an older block.
    const shift = base - blockStart;
    const matchLimit = blockEnd - MIN_MATCH;
    hashTable[hash(view.getInt32(blockStart, true))] = base;
    let ip = blockStart + 1;
    let skip = 32;
    while (ip <= matchLimit) {
      // Unaligned 4-byte loads through a DataView compile to single machine loads.
      const word = view.getInt32(ip, true);
      const h = hash(word);
      const stored = hashTable[h]!;
      const candidate = stored - shift;
      hashTable[h] = ip + shift;
      if (stored < base || view.getInt32(candidate, true) !== word) {
        // Miss: step grows by one every 32 misses in a row.
        ip += skip++ >> 5;
        continue;
      }
      skip = 32;
      // Extend the match 4 bytes at a time, then bytewise, as far as the block allows.
      let matchEnd = ip + MIN_MATCH;
      let from = candidate + MIN_MATCH;
      while (matchEnd <= matchLimit && view.getInt32(matchEnd, true) === view.getInt32(from, true)) {
        matchEnd += 4;
        from += 4;
      }
      while (matchEnd < blockEnd && src[matchEnd] === src[from]) {
        matchEnd++;
        from++;
      }
      if (ip > literalStart) at = emitLiteral(src, literalStart, ip, dst, at);
      at = emitCopy(ip - candidate, matchEnd - ip, dst, at);
      // Seed the table at the match end so a following repeat is found at once.
      if (matchEnd - 1 <= matchLimit)
        hashTable[hash(view.getInt32(matchEnd - 1, true))] = matchEnd - 1 + shift;
      ip = matchEnd;
      literalStart = ip;
    }
  }
  if (literalStart < blockEnd) at = emitLiteral(src, literalStart, blockEnd, dst, at);
  return at;
}

function emitLiteral(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): number {
  const n = to - from - 1;
  if (n < 60) {
    dst[at++] = n << 2;
  } else if (n < 0x100) {
    dst[at++] = 60 << 2;
    dst[at++] = n;
  } else {
    // Blocks are at most 64 KiB, so two length bytes always suffice.
    dst[at++] = 61 << 2;
    dst[at++] = n & 0xff;
    dst[at++] = n >>> 8;
  }
  if (to - from < 32) {
    for (let i = from; i < to; i++) dst[at++] = src[i]!;
    return at;
  }
  dst.set(src.subarray(from, to), at);
  return at + (to - from);
}

function emitCopy(offset: number, length: number, dst: Uint8Array, at: number): number {
  // Long matches become 64-byte copies, leaving a tail of at least 4 for the last copy.
  while (length >= 68) {
    at = emitCopy2(offset, 64, dst, at);
    length -= 64;
  }
  if (length > 64) {
    at = emitCopy2(offset, 60, dst, at);
    length -= 60;
  }
  if (length < 12 && offset < 2048) {
    dst[at++] = 1 | ((length - 4) << 2) | ((offset >>> 8) << 5);
    dst[at++] = offset & 0xff;
    return at;
  }
  return emitCopy2(offset, length, dst, at);
}

function emitCopy2(offset: number, length: number, dst: Uint8Array, at: number): number {
  dst[at++] = 2 | ((length - 1) << 2);
  dst[at++] = offset & 0xff;
  dst[at++] = offset >>> 8;
  return at;
}
