import { describe, expect, it } from "vitest";
import { createPrng, deriveSeed } from "../../src/index";

const draw = (seed: number, n: number): number[] => {
  const prng = createPrng(seed);
  return Array.from({ length: n }, () => prng.nextUint32());
};

describe("createPrng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it("gives different sequences for different seeds, including seeds that differ only above bit 31", () => {
    expect(draw(42, 10)).not.toEqual(draw(43, 10));
    expect(draw(1, 10)).not.toEqual(draw(1 + 2 ** 32, 10));
    expect(draw(-1, 10)).not.toEqual(draw(1, 10));
  });

  it("draws unsigned 32-bit integers, floats in [0, 1) and bounded integers", () => {
    const prng = createPrng(7);
    const bad: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const u = prng.nextUint32();
      const f = prng.nextFloat();
      const k = prng.nextInt(6);
      if (!(Number.isInteger(u) && u >= 0 && u < 2 ** 32)) bad.push(u);
      if (!(f >= 0 && f < 1)) bad.push(f);
      if (!(Number.isInteger(k) && k >= 0 && k < 6)) bad.push(k);
    }
    expect(bad).toEqual([]);
  });

  it("is roughly uniform", () => {
    const prng = createPrng(9);
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) buckets[prng.nextInt(10)]! += 1;
    for (const count of buckets) expect(Math.abs(count / n - 0.1)).toBeLessThan(0.006);
  });
});

describe("deriveSeed", () => {
  it("is stable and separates its parts", () => {
    expect(deriveSeed(5, 1, 2)).toBe(deriveSeed(5, 1, 2));
    expect(deriveSeed(5, 1, 2)).not.toBe(deriveSeed(5, 2, 1));
    expect(deriveSeed(5, 1, 2)).not.toBe(deriveSeed(6, 1, 2));
    expect(Number.isInteger(deriveSeed(5, 1)) && deriveSeed(5, 1) >= 0 && deriveSeed(5, 1) < 2 ** 32).toBe(
      true,
    );
  });
});
