import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileStatsJson, STATS_STRING_PREFIX } from "../src/index";

describe("fileStatsJson", () => {
  it("keeps numbers, ISO-8601 UTC timestamps and null counts", () => {
    const stats = JSON.parse(
      fileStatsJson(3, [
        { name: "ind", type: "long", nullCount: 0, min: 1, max: 30 },
        { name: "timestamp", type: "timestamp", nullCount: 1, min: Date.UTC(2019, 0, 2, 3, 4, 5, 6), max: 0 },
        { name: "country", type: "string", nullCount: 3, min: null, max: null },
      ]),
    );
    expect(stats).toEqual({
      numRecords: 3,
      minValues: { ind: 1, timestamp: "2019-01-02T03:04:05.006Z" },
      maxValues: { ind: 30, timestamp: "1970-01-01T00:00:00.000Z" },
      nullCount: { ind: 0, timestamp: 1, country: 3 },
    });
  });

  it("never gives a string minimum above the value nor a cut maximum", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        const [min, max] = Buffer.compare(Buffer.from(a), Buffer.from(b)) <= 0 ? [a, b] : [b, a];
        const stats = JSON.parse(fileStatsJson(2, [{ name: "s", type: "string", nullCount: 0, min, max }]));
        expect(min.startsWith(stats.minValues.s)).toBe(true);
        expect([...stats.minValues.s].length).toBeLessThanOrEqual(STATS_STRING_PREFIX);
        if ([...max].length <= STATS_STRING_PREFIX) expect(stats.maxValues.s).toBe(max);
        else expect(stats.maxValues).not.toHaveProperty("s");
      }),
    );
  });
});
