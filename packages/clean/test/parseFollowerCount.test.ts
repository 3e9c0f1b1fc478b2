import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFollowerCount, parseFollowerCount } from "../src/index";

/** Exact reference value of `<integerDigits>.<fractionDigits><suffix>`, by BigInt arithmetic. */
function referenceValue(integerDigits: string, fractionDigits: string, exponent: number): number | null {
  const scaled = BigInt(integerDigits + fractionDigits) * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(fractionDigits.length);
  if (scaled % divisor !== 0n) return null;
  const value = scaled / divisor;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

const digitString = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });

describe("parseFollowerCount", () => {
  it("reads the forms producers send: plain digits and integers with k or M", () => {
    expect(parseFollowerCount("987")).toBe(987);
    expect(parseFollowerCount("12k")).toBe(12_000);
    expect(parseFollowerCount("2M")).toBe(2_000_000);
    expect(parseFollowerCount("15M")).toBe(15_000_000);
    expect(parseFollowerCount("0")).toBe(0);
  });

  it("accepts both cases of every suffix, B included", () => {
    expect(parseFollowerCount("3K")).toBe(3000);
    expect(parseFollowerCount("3m")).toBe(3_000_000);
    expect(parseFollowerCount("3b")).toBe(3_000_000_000);
    expect(parseFollowerCount("3B")).toBe(3_000_000_000);
  });

  it("reads decimals with a suffix exactly, without floating-point error", () => {
    expect(parseFollowerCount("1.5k")).toBe(1500);
    expect(parseFollowerCount("1.1k")).toBe(1100); // 1.1 * 1000 is 1100.0000000000002 in doubles
    expect(parseFollowerCount("2.75M")).toBe(2_750_000);
    expect(parseFollowerCount("0.5k")).toBe(500);
    expect(parseFollowerCount("1.2340k")).toBe(1234);
  });

  it("returns null rather than rounding a value that is not whole", () => {
    expect(parseFollowerCount("1.2345k")).toBeNull();
    expect(parseFollowerCount("1.5")).toBeNull();
    expect(parseFollowerCount("0.0001k")).toBeNull();
  });

  it("accepts a fraction of zeros, which denotes a whole number", () => {
    expect(parseFollowerCount("12.0")).toBe(12);
    expect(parseFollowerCount("12.000k")).toBe(12_000);
  });

  it("accepts thousands separators every three digits only", () => {
    expect(parseFollowerCount("1,234")).toBe(1234);
    expect(parseFollowerCount("12,345,678")).toBe(12_345_678);
    expect(parseFollowerCount("1,234.5k")).toBe(1_234_500);
    for (const misplaced of ["1,23", "1234,567", ",123", "1,,234", "1,234,", "12,34,567", "1,2345"]) {
      expect(parseFollowerCount(misplaced), misplaced).toBeNull();
    }
  });

  it("ignores surrounding white space, no-break spaces included", () => {
    expect(parseFollowerCount("  12k ")).toBe(12_000);
    expect(parseFollowerCount("\u00a0987\u00a0")).toBe(987);
    expect(parseFollowerCount("\t1,234\n")).toBe(1234);
  });

  it("accepts numbers that are already non-negative safe integers", () => {
    expect(parseFollowerCount(12_000)).toBe(12_000);
    expect(parseFollowerCount(0)).toBe(0);
    expect(Object.is(parseFollowerCount(-0), 0)).toBe(true);
    expect(parseFollowerCount(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("returns null for placeholders, negatives, signs and garbage", () => {
    for (const bad of [
      "User Info Error",
      "",
      "   ",
      "-5",
      "+5",
      "-1k",
      "k",
      "M",
      "12kk",
      "12 k",
      "1e3",
      "0x10",
    ]) {
      expect(parseFollowerCount(bad), bad).toBeNull();
    }
    for (const bad of ["5.", "5.k", ".5k", "1.2.3k", "NaN", "Infinity", "１２", "12k5", "twelve"]) {
      expect(parseFollowerCount(bad), bad).toBeNull();
    }
  });

  it("returns null beyond Number.MAX_SAFE_INTEGER", () => {
    expect(parseFollowerCount("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseFollowerCount("9007199254740992")).toBeNull();
    expect(parseFollowerCount("9007200B")).toBeNull();
    expect(parseFollowerCount("9".repeat(400))).toBeNull();
    expect(parseFollowerCount(Number.MAX_SAFE_INTEGER + 1)).toBeNull();
  });

  it("returns null for numbers that are negative, fractional or not finite", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21]) {
      expect(parseFollowerCount(bad), String(bad)).toBeNull();
    }
  });

  it("returns null for other types", () => {
    for (const bad of [null, undefined, true, {}, [], ["12k"], { value: "12k" }, 12n, Symbol("12k")]) {
      expect(parseFollowerCount(bad)).toBeNull();
    }
  });

  it("handles huge strings in bounded work", () => {
    expect(parseFollowerCount(" ".repeat(1_000_000))).toBeNull();
    expect(parseFollowerCount(`1${"0".repeat(1_000_000)}`)).toBeNull();
    expect(parseFollowerCount(`1.${"0".repeat(1_000_000)}k`)).toBe(1000);
  });

  it("parses the decimal digits of any safe integer, grouped or not, back to it (property)", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseFollowerCount(String(n))).toBe(n);
        expect(parseFollowerCount(n.toLocaleString("en-US"))).toBe(n);
        expect(parseFollowerCount(n)).toBe(n);
      }),
    );
  });

  it("inverts formatFollowerCount (property)", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseFollowerCount(formatFollowerCount(n))).toBe(n);
      }),
    );
  });

  it("agrees with exact BigInt arithmetic on decimal suffixed forms (property)", () => {
    const suffixes = fc.constantFrom(["", 0], ["k", 3], ["K", 3], ["M", 6], ["m", 6], ["B", 9], ["b", 9]);
    fc.assert(
      fc.property(
        digitString(1, 20),
        digitString(0, 12),
        suffixes,
        (integer, fraction, [suffix, exponent]) => {
          const text = fraction === "" ? `${integer}${suffix}` : `${integer}.${fraction}${suffix}`;
          expect(parseFollowerCount(text)).toBe(referenceValue(integer, fraction, exponent as number));
        },
      ),
    );
  });

  it("never throws and yields null or a non-negative safe integer (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue(), fc.double()), (value) => {
        const count = parseFollowerCount(value);
        expect(count === null || (Number.isSafeInteger(count) && count >= 0)).toBe(true);
      }),
    );
  });
});
