import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barScale } from "../../src/report/barScale";

describe("barScale", () => {
  it("maps the maximum to the full length and zero to no bar", () => {
    const length = barScale(250, 600);
    expect(length(250)).toBe(600);
    expect(length(0)).toBe(0);
    expect(length(125)).toBe(300);
  });

  it("is proportional and never longer than the full length (rounded to 0.01)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        (max, fraction, full) => {
          const length = barScale(max, full)(max * fraction);
          expect(length).toBeGreaterThanOrEqual(0);
          expect(length).toBeLessThanOrEqual(full);
          expect(Math.abs(length - fraction * full)).toBeLessThanOrEqual(0.005 + 1e-9 * full);
        },
      ),
    );
  });

  it("draws nothing when every value is zero, for negative values and for NaN", () => {
    expect(barScale(0, 600)(0)).toBe(0);
    expect(barScale(0, 600)(5)).toBe(0);
    expect(barScale(-3, 600)(-1)).toBe(0);
    expect(barScale(10, 600)(-4)).toBe(0);
    expect(barScale(10, 600)(Number.NaN)).toBe(0);
    expect(barScale(Number.NaN, 600)(3)).toBe(0);
  });

  it("caps values above the maximum at the full length", () => {
    expect(barScale(10, 600)(25)).toBe(600);
  });
});
