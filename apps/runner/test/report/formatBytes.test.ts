import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/report/formatBytes";

describe("formatBytes", () => {
  it("uses bytes below 1000, then SI units with one decimal", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1.0 kB");
    expect(formatBytes(1_234_567)).toBe("1.2 MB");
    expect(formatBytes(999_949)).toBe("999.9 kB");
    expect(formatBytes(999_999)).toBe("1.0 MB");
    expect(formatBytes(3e15)).toBe("3000.0 TB");
  });
});
