import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalOutputSink } from "../../src/output/index";
import { removeUncommittedObjects } from "../../src/stream/removeUncommittedObjects";

const root = mkdtempSync(join(tmpdir(), "pinpipe-uncommitted-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("removeUncommittedObjects", () => {
  it("keeps the objects the checkpoint covers and removes the rest and temporary leftovers", async () => {
    const sink = new LocalOutputSink(root);
    const paths = {
      committed: "stream/tables/pin/shard=a/10_20.parquet",
      committedEdge: "stream/tables/pin/shard=a/21_30.parquet",
      afterCheckpoint: "stream/tables/pin/shard=a/31_40.parquet",
      finishedShard: "stream/rejected/pin/shard=b/1_99.ndjson",
      unknownShard: "stream/tables/pin/shard=c/1_2.parquet",
      insideAggregate: "stream/tables/pin/shard=d/5.0_5.2.parquet",
      pastAggregatePart: "stream/tables/pin/shard=d/5.3_5.4.parquet",
      leftover: "stream/tables/pin/shard=a/41_50.parquet.tmp-0a1b2c",
      otherTable: "stream/tables/geo/shard=a/31_40.parquet",
      notABatch: "stream/tables/pin/README.txt",
    };
    for (const path of Object.values(paths)) await sink.put(path, "x");
    const removed = await removeUncommittedObjects(sink, ["stream/tables/pin", "stream/rejected/pin"], {
      stream: "pinpipe-pin",
      shards: {
        a: { sequenceNumber: "30" },
        b: { finished: true },
        d: { sequenceNumber: "5", subSequenceNumber: 2 },
      },
    });
    expect(removed).toBe(4);
    const left = new Set(await sink.list("stream/"));
    for (const key of [
      "committed",
      "committedEdge",
      "finishedShard",
      "insideAggregate",
      "otherTable",
      "notABatch",
    ] as const) {
      expect(left.has(paths[key]), key).toBe(true);
    }
    for (const key of ["afterCheckpoint", "unknownShard", "pastAggregatePart", "leftover"] as const) {
      expect(left.has(paths[key]), key).toBe(false);
    }
  });

  it("removes every batch object when there is no checkpoint yet", async () => {
    const sink = new LocalOutputSink(join(root, "fresh"));
    await sink.put("stream/aggregates/x/shard=a/1_2.ndjson", "{}\n");
    expect(await removeUncommittedObjects(sink, ["stream/aggregates/x"], undefined)).toBe(1);
    expect(await sink.list("")).toEqual([]);
  });
});
