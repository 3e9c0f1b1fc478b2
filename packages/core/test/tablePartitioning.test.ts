import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partitionRows } from "../src/index";

/** Geo rows with the given timestamps (epoch milliseconds, NaN for null). */
function geoBatch(timestamps: readonly number[]): CleanRowBatch {
  const n = timestamps.length;
  return {
    table: "geo",
    length: n,
    columns: [
      { kind: "numbers", values: Float64Array.from(timestamps, (_, i) => i) },
      { kind: "utf8", offsets: new Int32Array(n + 1), bytes: new Uint8Array(0), valid: new Uint8Array(n) },
      {
        kind: "pairs",
        first: new Float64Array(n).fill(Number.NaN),
        second: new Float64Array(n).fill(Number.NaN),
      },
      { kind: "numbers", values: Float64Array.from(timestamps) },
    ],
  };
}

describe("partitionRows", () => {
  it("puts each geo row in the folder of its timestamp's UTC year, as Date reads it", () => {
    const instant = fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (timestamps) => {
        const { segments, rows } = partitionRows(geoBatch(timestamps), null);
        timestamps.forEach((millis, row) => {
          const segment = `post_year=${new Date(millis).getUTCFullYear()}`;
          expect(rows[segments.indexOf(segment)]).toContain(row);
        });
      }),
    );
  });

  it("keeps only the rows of the mask, in order, null years in the default partition", () => {
    const year = (y: number) => Date.UTC(y, 5, 1);
    const { segments, rows } = partitionRows(
      geoBatch([year(2019), Number.NaN, year(2020), year(2019), year(2018)]),
      Uint8Array.of(1, 1, 1, 1, 0),
    );
    expect(segments).toEqual(["post_year=2019", "post_year=2020", "post_year=__HIVE_DEFAULT_PARTITION__"]);
    expect(rows.map((list) => [...list])).toEqual([[0, 3], [2], [1]]);
  });
});
