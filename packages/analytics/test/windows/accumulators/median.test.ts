import { describe, expect, it } from "vitest";
import { accumulators } from "../../../src/windows";

const { median } = accumulators;

function medianOf(values: readonly unknown[]): number | null {
  const acc = median();
  return acc.result(values.reduce((s: number[], v) => acc.add(s, v), acc.init()));
}

describe("median", () => {
  it("is the middle value of an odd count", () => {
    expect(medianOf([9, 1, 5])).toBe(5);
  });

  it("is the lower middle value of an even count (no averaging)", () => {
    expect(medianOf([10, 40, 20, 30])).toBe(20);
    expect(medianOf([1, 2])).toBe(1);
  });

  it("skips non-numbers and is null when none is left", () => {
    expect(medianOf([null, 4, "100", 6, 8])).toBe(6);
    expect(medianOf([null])).toBeNull();
  });

  it("is named median so checkpoints tell it from other quantiles", () => {
    expect(median().name).toBe("median");
  });
});
