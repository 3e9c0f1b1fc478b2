import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/report/formatNumber";

describe("formatNumber", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(15_000_000)).toBe("15,000,000");
    expect(formatNumber(9_007_199_254_740_991)).toBe("9,007,199,254,740,991");
    expect(formatNumber(1234.5)).toBe("1,234.5");
    expect(formatNumber(2 / 3)).toBe("0.67");
  });
});
