import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareSequenceNumbers, IngestInputError } from "../../src/index";

describe("compareSequenceNumbers orders Kinesis sequence numbers numerically", () => {
  it("compares by value, not as strings or JS numbers", () => {
    expect(["10", "9", "100", "0"].sort(compareSequenceNumbers)).toEqual(["0", "9", "10", "100"]);
    // These two differ only past 2^53, where JS numbers would call them equal.
    const a = "49590338271490256608559692538361571095921575989136588898";
    const b = "49590338271490256608559692538361571095921575989136588899";
    expect(Number(a)).toBe(Number(b));
    expect(compareSequenceNumbers(a, b)).toBe(-1);
    expect(compareSequenceNumbers(b, a)).toBe(1);
    expect(compareSequenceNumbers("007", "7")).toBe(0);
    expect(compareSequenceNumbers("9".repeat(129), "1".repeat(128))).toBe(1);
  });

  it("agrees with bigint order for any numbers of up to 129 digits (property)", () => {
    const sequenceNumber = fc.stringMatching(/^\d{1,129}$/);
    fc.assert(
      fc.property(sequenceNumber, sequenceNumber, (a, b) => {
        const [x, y] = [BigInt(a), BigInt(b)];
        expect(compareSequenceNumbers(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });

  it("throws IngestInputError for anything but 1 to 129 digits", () => {
    for (const bad of ["", "1".repeat(130), "-1", "1e5", " 1", "1.0", 12, null, 12n]) {
      expect(() => compareSequenceNumbers(bad as never, "1")).toThrow(IngestInputError);
      expect(() => compareSequenceNumbers("1", bad as never)).toThrow(IngestInputError);
    }
  });
});
