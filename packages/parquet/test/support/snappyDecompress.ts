/**
 * A small raw-Snappy decompressor, written for the tests only: checks the compressor by round
 * trip, strictly (bad tags, offsets or lengths throw).
 *
 * @example
 * snappyDecompress(compressed); // the original bytes
 */
export function snappyDecompress(input: Uint8Array): Uint8Array {
  let pos = 0;
  let length = 0;
  for (let shift = 1; ; shift *= 128) {
    const byte = input[pos++];
    if (byte === undefined) throw new Error("truncated length");
    length += (byte & 0x7f) * shift;
    if (byte < 0x80) break;
  }
  const out = new Uint8Array(length);
  let at = 0;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const extra = n - 59;
        n = 0;
        for (let i = 0; i < extra; i++) n |= input[pos++]! << (8 * i);
      }
      n += 1;
      if (pos + n > input.length || at + n > length) throw new Error("literal overruns");
      out.set(input.subarray(pos, pos + n), at);
      pos += n;
      at += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (kind === 1) {
      n = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++]!;
    } else if (kind === 2) {
      n = (tag >>> 2) + 1;
      offset = input[pos]! | (input[pos + 1]! << 8);
      pos += 2;
    } else {
      n = (tag >>> 2) + 1;
      offset =
        (input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16) | (input[pos + 3]! << 24)) >>> 0;
      pos += 4;
    }
    if (offset === 0 || offset > at || at + n > length) throw new Error(`bad copy at ${at}`);
    for (let i = 0; i < n; i++, at++) out[at] = out[at - offset]!;
  }
  if (at !== length) throw new Error(`decompressed ${at} bytes, expected ${length}`);
  return out;
}
