import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFollowerCount, parseFollowerCount } from "../src/index";

describe("formatFollowerCount", () => {
  it("writes round counts with the largest fitting suffix", () => {
    expect(formatFollowerCount(12_000)).toBe("12k");
    expect(formatFollowerCount(1000)).toBe("1k");
    expect(formatFollowerCount(2_000_000)).toBe("2M");
    expect(formatFollowerCount(100_000)).toBe("100k");
    expect(formatFollowerCount(3_000_000_000)).toBe("3B");
  });

  it("uses an exact decimal fraction when it is shorter", () => {
    expect(formatFollowerCount(1_500_000)).toBe("1.5M");
    expect(formatFollowerCount(123_400_000)).toBe("123.4M");
    expect(formatFollowerCount(12_500_000_000)).toBe("12.5B");
  });

  it("prefers the larger unit when two suffixed forms are as short", () => {
    expect(formatFollowerCount(1_250_000)).toBe("1.25M"); // not "1250k"
    expect(formatFollowerCount(999_000)).toBe("999k"); // "0.999M" is not considered: zero integer part
  });

  it("keeps plain digits when a suffix does not make the text shorter", () => {
    expect(formatFollowerCount(0)).toBe("0");
    expect(formatFollowerCount(987)).toBe("987");
    expect(formatFollowerCount(1200)).toBe("1200"); // "1.2k" is as long: plain digits win ties
    expect(formatFollowerCount(1234)).toBe("1234");
    expect(formatFollowerCount(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
  });

  it("returns null for anything but a non-negative safe integer", () => {
    for (const bad of [
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 1,
      "12",
      null,
      {},
    ]) {
      expect(formatFollowerCount(bad)).toBeNull();
    }
  });

  it("gives text that parses back to the count and is never longer than its digits (property)", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const text = formatFollowerCount(n);
        expect(text).toMatch(/^[1-9]?\d*(\.\d*[1-9])?[kMB]?$|^0$/);
        expect(text!.length).toBeLessThanOrEqual(String(n).length);
        expect(parseFollowerCount(text)).toBe(n);
      }),
    );
  });
});
