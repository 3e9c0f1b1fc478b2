import fc from "fast-check";
import { snappyUncompress } from "hyparquet";
import { describe, expect, it } from "vitest";
import { ByteBufferBuilder } from "../src/byteBufferBuilder";
import { snappyCompress } from "../src/snappyCompress";
import { snappyDecompress } from "./support/snappyDecompress";

function compress(input: Uint8Array): Uint8Array {
  const out = new ByteBufferBuilder(16);
  snappyCompress(input, out);
  return out.toBytes();
}

describe("snappyCompress", () => {
  it("round-trips empty, tiny and repetitive input, shrinking repeats", () => {
    for (const text of ["", "a", "abcd", "abcdabcdabcdabcdabcd", "x".repeat(1000)]) {
      const input = new TextEncoder().encode(text);
      const compressed = compress(input);
      expect(snappyDecompress(compressed)).toEqual(input);
      if (text.length >= 20) expect(compressed.length).toBeLessThan(input.length / 2);
    }
  });

  it("round-trips inputs spanning several 64 KiB blocks, long matches and incompressible bytes", () => {
    const size = 300_000;
    const mixed = new Uint8Array(size);
    let state = 12345;
    for (let i = 0; i < size; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      // Random bytes in the first third, then text-like repeats, then one long run.
      mixed[i] = i < 100_000 ? state >>> 24 : i < 200_000 ? 97 + ((i * 7) % 13) : 42;
    }
    const compressed = compress(mixed);
    expect(Buffer.from(snappyDecompress(compressed)).equals(mixed)).toBe(true);
    expect(compressed.length).toBeLessThan(size / 2);
  });

  it("compresses a slice of a larger buffer and appends after existing bytes", () => {
    const input = new TextEncoder().encode("zzhello hello hello hellozz");
    const out = new ByteBufferBuilder(16);
    out.writeByte(7);
    snappyCompress(input, out, 2, input.length - 2);
    const bytes = out.toBytes();
    expect(bytes[0]).toBe(7);
    expect(new TextDecoder().decode(snappyDecompress(bytes.subarray(1)))).toBe("hello hello hello hello");
  });

  it("round-trips arbitrary bytes and low-entropy bytes (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 5000 }),
          fc.array(fc.constantFrom(0, 1, 2), { maxLength: 70_000 }).map((a) => Uint8Array.from(a)),
        ),
        (input) => {
          const compressed = compress(input);
          expect(snappyDecompress(compressed)).toEqual(input);
          // hyparquet's decoder, an independent implementation, agrees.
          const output = new Uint8Array(input.length);
          snappyUncompress(compressed, output);
          expect(output).toEqual(input);
        },
      ),
      { numRuns: 200 },
    );
  });
});
