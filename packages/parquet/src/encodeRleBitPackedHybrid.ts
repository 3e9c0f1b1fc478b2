import type { ByteBufferBuilder } from "./byteBufferBuilder";

/** A repeat this long or longer becomes an RLE run; shorter stretches are bit-packed. */
const MIN_RLE_RUN = 8;

/**
 * Appends `values[start, end)` in Parquet's RLE/bit-packed hybrid encoding (no length prefix),
 * as used for definition/repetition levels and dictionary indices. Runs of 8 or more equal
 * values become RLE runs; everything else is bit-packed in groups of 8, the last group padded
 * with zeros (readers stop at the value count they know). `bitWidth` is 0..24.
 *
 * @example
 * const out = new ByteBufferBuilder();
 * encodeRleBitPackedHybrid(out, new Uint32Array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 0, 10, 1);
 * out.toBytes(); // Uint8Array [20, 1]: a run of 10 ones
 */
export function encodeRleBitPackedHybrid(
  out: ByteBufferBuilder,
  values: Uint32Array,
  start: number,
  end: number,
  bitWidth: number,
): void {
  if (bitWidth < 0 || bitWidth > 24) throw new RangeError(`bit width ${bitWidth} is outside 0..24`);
  const valueBytes = (bitWidth + 7) >> 3;
  let i = start;
  while (i < end) {
    const value = values[i]!;
    let runEnd = i + 1;
    while (runEnd < end && values[runEnd] === value) runEnd++;
    if (runEnd - i >= MIN_RLE_RUN || bitWidth === 0) {
      out.writeVarint((runEnd - i) * 2);
      for (let b = 0; b < valueBytes; b++) out.writeByte((value >>> (8 * b)) & 0xff);
      i = runEnd;
      continue;
    }
    // Bit-packed stretch: whole groups of 8 until one starts a long run (an RLE run can only
    // begin on a group boundary, or the middle group would need padding) or the input ends.
    let stop = i + 8;
    while (stop < end && !startsRun(values, stop, end)) stop += 8;
    if (stop > end) stop = end;
    const groups = Math.ceil((stop - i) / 8);
    out.writeVarint(groups * 2 + 1);
    out.reserve(groups * bitWidth);
    const bytes = out.bytes;
    let at = out.length;
    let buffer = 0;
    let bits = 0;
    const padded = i + groups * 8;
    for (let k = i; k < padded; k++) {
      // bits < 8 here and bitWidth <= 24, so the accumulator never passes 32 bits.
      buffer |= (k < stop ? values[k]! : 0) << bits;
      bits += bitWidth;
      while (bits >= 8) {
        bytes[at++] = buffer & 0xff;
        buffer >>>= 8;
        bits -= 8;
      }
    }
    out.length = at;
    i = stop;
  }
}

/** Whether MIN_RLE_RUN equal values start at `at`. */
function startsRun(values: Uint32Array, at: number, end: number): boolean {
  if (at + MIN_RLE_RUN > end) return false;
  const value = values[at];
  for (let k = at + 1; k < at + MIN_RLE_RUN; k++) if (values[k] !== value) return false;
  return true;
}

/**
 * The number of bits needed for values up to `maxValue` (0 for 0).
 *
 * @example
 * bitWidthOf(2); // 2
 */
export function bitWidthOf(maxValue: number): number {
  return maxValue === 0 ? 0 : 32 - Math.clz32(maxValue);
}
