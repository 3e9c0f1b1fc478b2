import { describe, expect, it } from "vitest";
import { CliError } from "../../src/command";
import { integerOption, numberOption } from "../../src/stream/parseNumberOption";

describe("number options", () => {
  it("read integers in range, or the fallback when absent", () => {
    expect(integerOption("stream", "n", "500", 1, 1000, 7)).toBe(500);
    expect(integerOption("stream", "n", " 12 ", 1, 1000, 7)).toBe(12);
    expect(integerOption("stream", "n", undefined, 1, 1000, 7)).toBe(7);
    expect(integerOption("stream", "n", undefined, 1, 1000, undefined)).toBeUndefined();
    expect(integerOption("emulate", "seed", "-5", -10, 10, 0)).toBe(-5);
  });

  it("refuse other integers as usage errors naming the option", () => {
    for (const value of ["0", "1001", "1.5", "1e3", "", "abc", "0x10", "99999999999999999999"]) {
      let error: unknown;
      try {
        integerOption("stream", "batch-records", value, 1, 1000, 7);
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).message).toMatch(
        /^pinpipe stream: --batch-records must be an integer from 1 to 1000/,
      );
    }
  });

  it("read finite numbers above the lower bound", () => {
    expect(numberOption("stream", "s", "2.5", 0, 10, undefined)).toBe(2.5);
    expect(numberOption("stream", "s", "0", -1, 10, undefined)).toBe(0);
    expect(numberOption("stream", "s", undefined, 0, 10, 3)).toBe(3);
    for (const value of ["0", "-1", "11", "NaN", "Infinity", "", " ", "two"]) {
      expect(() => numberOption("stream", "batch-seconds", value, 0, 10, 3), value).toThrow(
        /--batch-seconds must be a number above 0 and at most 10/,
      );
    }
  });
});
