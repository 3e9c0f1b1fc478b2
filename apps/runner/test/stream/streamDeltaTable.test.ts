import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanTableDefinition, loadSnapshot, localDeltaStorage, readCommitActions } from "@pinpipe/delta";
import { generatePosts } from "@pinpipe/ingest";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import type { BatchObjectName } from "../../src/stream/batchObjectName";
import { deltaBatchFiles } from "../../src/stream/deltaBatchFiles";
import { encodeShardBatch } from "../../src/stream/encodeShardBatch";
import {
  commitStreamBatch,
  findCommittedBatch,
  type StreamDeltaTable,
  streamAppId,
} from "../../src/stream/streamDeltaTable";
import { kinesisItems } from "./kinesisItems";

const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-delta-table-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let tables = 0;
function newTable(): StreamDeltaTable {
  tables += 1;
  return {
    storage: localDeltaStorage(join(root, `t${tables}`)),
    definition: cleanTableDefinition("pin", "pinpipe"),
    appId: streamAppId("pinpipe-pin"),
  };
}

const name = (shardId: string, first: string, last: string): BatchObjectName => ({
  shardId,
  first: { sequenceNumber: first },
  last: { sequenceNumber: last },
});

describe("streamAppId", () => {
  it("names the application after the stream", () => {
    expect(streamAppId("a-geo")).toBe("pinpipe-stream/a-geo");
    expect(streamAppId("a-geo")).not.toBe(streamAppId("a-user"));
  });
});

describe("commitStreamBatch and findCommittedBatch", () => {
  it("commits one version per micro-batch with its txn and the batch's shard and positions", async () => {
    const target = newTable();
    expect(await findCommittedBatch(target, 0)).toBeUndefined();
    await commitStreamBatch(target, 1, name("shardId-000000000000", "1", "9"), [], 1_000);
    const second = await commitStreamBatch(target, 2, name("shardId-000000000001", "4", "7.2"), [], 2_000);
    expect(second.version).toBe(1);
    const actions = (await readCommitActions(target.storage, 1))!;
    expect(actions).toContainEqual({ txn: { appId: target.appId, version: 2, lastUpdated: 2_000 } });
    const info = actions.find((action) => "commitInfo" in action) as { commitInfo: Record<string, unknown> };
    expect(info.commitInfo.operation).toBe("STREAMING UPDATE");
    expect(info.commitInfo.operationParameters).toEqual({
      outputMode: "Append",
      queryId: target.appId,
      epochId: "2",
      shardId: "shardId-000000000001",
      first: "4",
      last: "7.2",
    });
    // The checkpoint counts both: nothing pending.
    expect(await findCommittedBatch(target, 2)).toBeUndefined();
    // The checkpoint counts one: the second was committed by a run that died before its checkpoint.
    expect(await findCommittedBatch(target, 1)).toEqual({
      batch: 2,
      tableVersion: 1,
      shardId: "shardId-000000000001",
      first: { sequenceNumber: "4" },
      last: { sequenceNumber: "7", subSequenceNumber: 2 },
    });
  });

  it("finds the pending batch behind other writers' commits", async () => {
    const target = newTable();
    await commitStreamBatch(target, 1, name("s-1", "1", "2"), []);
    const other = { ...target, appId: streamAppId("another-pin") };
    await commitStreamBatch(other, 1, name("s-1", "1", "2"), []);
    await commitStreamBatch(other, 2, name("s-1", "3", "4"), []);
    expect((await findCommittedBatch(target, 0))?.tableVersion).toBe(0);
  });

  it("refuses a table and a checkpoint of different histories, and a batch committed twice", async () => {
    const target = newTable();
    await commitStreamBatch(target, 1, name("s-1", "1", "2"), []);
    await commitStreamBatch(target, 2, name("s-1", "3", "4"), []);
    await expect(findCommittedBatch(target, 0)).rejects.toThrow(
      /holds micro-batches 1 to 2 of pinpipe-stream\/pinpipe-pin but the stream's checkpoint counts 0/,
    );
    await expect(findCommittedBatch(target, 5)).rejects.toThrow(/checkpoint counts 5/);
    await expect(commitStreamBatch(target, 2, name("s-1", "3", "4"), [])).rejects.toThrow(
      /already holds micro-batch 2 of pinpipe-stream\/pinpipe-pin/,
    );
    expect((await loadSnapshot(target.storage))?.version).toBe(1);
  });
});

describe("deltaBatchFiles", () => {
  it("splits a micro-batch's clean rows into one file per partition, named by shard, positions and attempt", async () => {
    const posts = [...generatePosts({ seed: 5, count: 30 })];
    const items = kinesisItems(
      posts.map((post) => post.pin),
      { stream: "p-pin", firstSequence: 100n },
    );
    const { rows } = encodeShardBatch({
      table: "pin",
      shardId: "shardId-000000000003",
      items,
      cleanFile: false,
      aggregates: [],
    });
    const batch = name("shardId-000000000003", "100", "129");
    const files = deltaBatchFiles("pin", rows, batch, "0badcafe", 5_000);
    const categories = [...new Set(posts.map((post) => post.pin.category as string))].sort();
    expect(files.map((entry) => entry.file.partitionValues.category).sort()).toEqual(categories);
    let total = 0;
    for (const { file, bytes } of files) {
      expect(file.path).toMatch(
        /^category=[^/]+\/part-00000-shardId-000000000003-100_129-0badcafe\.parquet$/,
      );
      expect(file.size).toBe(bytes.length);
      expect(file.modificationTime).toBe(5_000);
      const read = (await parquetReadObjects({ file: bytes.slice().buffer })) as { category: string }[];
      expect(new Set(read.map((row) => row.category))).toEqual(new Set([file.partitionValues.category]));
      expect(JSON.parse(file.stats).numRecords).toBe(read.length);
      total += read.length;
    }
    expect(total).toBe(posts.length);
    expect(deltaBatchFiles("pin", { ...rows, length: 0 }, batch, "0badcafe", 5_000)).toEqual([]);
  });
});
