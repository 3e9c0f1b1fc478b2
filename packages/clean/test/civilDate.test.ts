import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilDateOfEpochDays } from "../src/bytes";

describe("civilDateOfEpochDays", () => {
  it("gives the UTC date Date gives, for any day Date can hold", () => {
    const out = new Int32Array(3);
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (days) => {
        civilDateOfEpochDays(days, out);
        const date = new Date(days * 86_400_000);
        expect([...out]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
      }),
    );
  });

  it("crosses the epoch, leap days and era boundaries", () => {
    const out = new Int32Array(3);
    const dateOf = (days: number) => {
      civilDateOfEpochDays(days, out);
      return [...out];
    };
    expect(dateOf(0)).toEqual([1970, 1, 1]);
    expect(dateOf(-1)).toEqual([1969, 12, 31]);
    expect(dateOf(11_016)).toEqual([2000, 2, 29]);
    expect(dateOf(-719_468)).toEqual([0, 3, 1]);
  });
});
