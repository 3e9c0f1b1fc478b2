import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteBufferBuilder } from "../src/byteBufferBuilder";
import { bitWidthOf, encodeRleBitPackedHybrid } from "../src/encodeRleBitPackedHybrid";

/** A reference decoder of the hybrid encoding, for the tests. */
function decode(bytes: Uint8Array, bitWidth: number, count: number): number[] {
  const values: number[] = [];
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
    }
  };
  while (values.length < count) {
    const header = varint();
    if (header % 2 === 0) {
      let value = 0;
      for (let b = 0; b < (bitWidth + 7) >> 3; b++) value |= bytes[pos++]! << (8 * b);
      for (let i = 0; i < header / 2; i++) values.push(value);
    } else {
      const total = ((header - 1) / 2) * 8;
      let bit = pos * 8;
      for (let i = 0; i < total; i++) {
        let value = 0;
        for (let b = 0; b < bitWidth; b++, bit++) value |= ((bytes[bit >> 3]! >> (bit & 7)) & 1) << b;
        values.push(value);
      }
      pos += ((header - 1) / 2) * bitWidth;
    }
  }
  expect(pos).toBe(bytes.length);
  return values.slice(0, count);
}

function encode(values: number[], bitWidth: number): Uint8Array {
  const out = new ByteBufferBuilder(16);
  encodeRleBitPackedHybrid(out, Uint32Array.from(values), 0, values.length, bitWidth);
  return out.toBytes();
}

describe("encodeRleBitPackedHybrid", () => {
  it("writes a long repeat as one RLE run", () => {
    expect([...encode(Array(10).fill(1), 1)]).toEqual([20, 1]);
    expect([...encode(Array(300).fill(0), 2)]).toEqual([0xd8, 0x04, 0]);
  });

  it("bit-packs short stretches in groups of 8, LSB first, padding the last group", () => {
    // 1,0,1 → one group: header (1 << 1) | 1 = 3, then bits 101 → 0b101.
    expect([...encode([1, 0, 1], 1)]).toEqual([3, 0b101]);
  });

  it("encodes only the requested range", () => {
    const out = new ByteBufferBuilder(16);
    encodeRleBitPackedHybrid(out, Uint32Array.from([5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 5]), 2, 10, 3);
    expect([...out.toBytes()]).toEqual([16, 1]);
  });

  it("round-trips any values at their bit width (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(
              fc.oneof(
                fc.integer({ min: 0, max: 2 ** width - 1 }).map((v) => [v]),
                fc
                  .tuple(fc.integer({ min: 0, max: 2 ** width - 1 }), fc.integer({ min: 1, max: 40 }))
                  .map(([v, n]) => Array<number>(n).fill(v)),
              ),
              { maxLength: 50 },
            ),
          ),
        ),
        ([width, runs]) => {
          const values = runs.flat();
          expect(decode(encode(values, width), width, values.length)).toEqual(values);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("bitWidthOf gives the bits of the largest value", () => {
    expect([0, 1, 2, 3, 4, 255, 256].map(bitWidthOf)).toEqual([0, 1, 2, 2, 3, 8, 9]);
  });
});
