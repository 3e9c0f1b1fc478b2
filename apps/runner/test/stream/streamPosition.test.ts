import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  comparePositions,
  formatPosition,
  isCovered,
  parsePosition,
  type StreamPosition,
} from "../../src/stream/streamPosition";

const sequenceNumber = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(String);
const position: fc.Arbitrary<StreamPosition> = fc.record(
  { sequenceNumber, subSequenceNumber: fc.nat({ max: 100_000 }) },
  { requiredKeys: ["sequenceNumber"] },
);

describe("stream positions", () => {
  it("format as the sequence number, with .sub for an aggregated user record", () => {
    expect(formatPosition({ sequenceNumber: "4959" })).toBe("4959");
    expect(formatPosition({ sequenceNumber: "4959", subSequenceNumber: 2 })).toBe("4959.2");
  });

  it("read back what they format as (property)", () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(parsePosition(formatPosition(p))).toEqual(p);
      }),
    );
  });

  it("reject text that is not a position", () => {
    for (const text of [
      "",
      "x",
      "01",
      "1.",
      ".1",
      "1.01",
      "1.2.3",
      "-1",
      "1e3",
      " 1",
      `1${"0".repeat(128)}`,
    ]) {
      expect(parsePosition(text), text).toBeUndefined();
    }
  });

  it("order by sequence number as a 128-bit integer, then sub-sequence number", () => {
    expect(comparePositions({ sequenceNumber: "9" }, { sequenceNumber: "10" })).toBeLessThan(0);
    expect(
      comparePositions(
        { sequenceNumber: "10", subSequenceNumber: 3 },
        { sequenceNumber: "10", subSequenceNumber: 1 },
      ),
    ).toBeGreaterThan(0);
    fc.assert(
      fc.property(position, position, (a, b) => {
        const expected =
          BigInt(a.sequenceNumber) === BigInt(b.sequenceNumber)
            ? Math.sign((a.subSequenceNumber ?? -1) - (b.subSequenceNumber ?? -1))
            : BigInt(a.sequenceNumber) < BigInt(b.sequenceNumber)
              ? -1
              : 1;
        expect(Math.sign(comparePositions(a, b))).toBe(expected);
      }),
    );
  });

  it("are covered by progress at or after them, or by a finished shard", () => {
    expect(isCovered({ sequenceNumber: "7" }, { sequenceNumber: "7" })).toBe(true);
    expect(isCovered({ sequenceNumber: "7" }, { sequenceNumber: "100" })).toBe(true);
    expect(isCovered({ sequenceNumber: "8" }, { sequenceNumber: "7" })).toBe(false);
    expect(isCovered({ sequenceNumber: "8" }, { finished: true })).toBe(true);
    expect(isCovered({ sequenceNumber: "8" }, undefined)).toBe(false);
    expect(isCovered({ sequenceNumber: "8" }, {})).toBe(false);
  });

  it("inside a KPL aggregate are covered up to the checkpointed sub-sequence number", () => {
    const progress = { sequenceNumber: "7", subSequenceNumber: 3 };
    expect(isCovered({ sequenceNumber: "7", subSequenceNumber: 3 }, progress)).toBe(true);
    expect(isCovered({ sequenceNumber: "7", subSequenceNumber: 4 }, progress)).toBe(false);
    // Progress without a sub-sequence number covers the whole aggregate.
    expect(isCovered({ sequenceNumber: "7", subSequenceNumber: 40 }, { sequenceNumber: "7" })).toBe(true);
  });

  it("refuse malformed sequence numbers when compared", () => {
    expect(() => comparePositions({ sequenceNumber: "x" }, { sequenceNumber: "1" })).toThrow();
  });
});
