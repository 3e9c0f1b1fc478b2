import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchObjectPath, parseBatchObjectPath } from "../../src/stream/batchObjectName";

describe("micro-batch object names", () => {
  it("are <folder>/shard=<id>/<firstSeq>_<lastSeq>.<ext>", () => {
    const name = {
      shardId: "shardId-000000000003",
      first: { sequenceNumber: "101" },
      last: { sequenceNumber: "205", subSequenceNumber: 4 },
    };
    expect(batchObjectPath("stream/tables/pin", name, "parquet")).toBe(
      "stream/tables/pin/shard=shardId-000000000003/101_205.4.parquet",
    );
    expect(parseBatchObjectPath("stream/tables/pin/shard=shardId-000000000003/101_205.4.parquet")).toEqual(
      name,
    );
  });

  it("read back what they write (property)", () => {
    const position = fc.record(
      {
        sequenceNumber: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(String),
        subSequenceNumber: fc.nat(),
      },
      { requiredKeys: ["sequenceNumber"] },
    );
    const shardId = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,40}$/);
    fc.assert(
      fc.property(
        shardId,
        position,
        position,
        fc.constantFrom("parquet", "ndjson"),
        (id, first, last, ext) => {
          const name = { shardId: id, first, last };
          expect(parseBatchObjectPath(batchObjectPath("stream/aggregates/x", name, ext))).toEqual(name);
        },
      ),
    );
  });

  it("are not read from other paths", () => {
    for (const path of [
      "stream/tables/pin/shard=s/1_2.parquet.tmp-abc123",
      "stream/tables/pin/shard=s/1-2.parquet",
      "stream/tables/pin/1_2.parquet",
      "stream/tables/pin/shard=s/01_2.parquet",
      "stream/tables/pin/shard=s/x_2.parquet",
      "stream/tables/pin/shard=a/b/1_2.parquet",
    ]) {
      expect(parseBatchObjectPath(path), path).toBeUndefined();
    }
  });
});
