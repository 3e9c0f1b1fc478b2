import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanTableDefinition, loadSnapshot, localDeltaStorage, readCommitActions } from "@pinpipe/delta";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BatchObjectName } from "../../src/stream/batchObjectName";
import {
  commitKafkaBatch,
  committedKafkaOffset,
  type KafkaDeltaTable,
  kafkaAppId,
  kafkaPartitionTable,
  txnVersionOfOffset,
} from "../../src/stream/kafkaDeltaTable";
import { StreamDeltaError } from "../../src/stream/streamDeltaTable";

let dir: string;
let table: KafkaDeltaTable;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pinpipe-kafka-delta-"));
  table = { storage: localDeltaStorage(dir), definition: cleanTableDefinition("geo", "pinpipe") };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const name = (partition: number, first: bigint, last: bigint): BatchObjectName => ({
  shardId: `p.geo-${partition}`,
  first: { sequenceNumber: String(first) },
  last: { sequenceNumber: String(last) },
});

/** A data file of the batch, stored under the table (its contents do not matter to the log). */
async function storedFile(path: string) {
  await writeFile(join(dir, path), "not read");
  return {
    path,
    partitionValues: { post_year: "2020" },
    size: 8,
    stats: JSON.stringify({ numRecords: 1 }),
    modificationTime: 1,
  };
}

describe("kafkaAppId", () => {
  it("names the topic and partition, not the group", () => {
    expect(kafkaAppId("p.geo", 3)).toBe("pinpipe-kafka/p.geo/3");
    expect(kafkaPartitionTable(table, "p.geo", 3).appId).toBe("pinpipe-kafka/p.geo/3");
  });
});

describe("commitKafkaBatch", () => {
  it("commits a partition's batch with txn = the offset after it, following the offset it starts from", async () => {
    const target = kafkaPartitionTable(table, "p.geo", 0);
    const first = await commitKafkaBatch(
      target,
      0n,
      12n,
      name(0, 0n, 11n),
      [await storedFile("a.parquet")],
      5,
    );
    expect(first).toEqual({ version: 0 });
    const second = await commitKafkaBatch(
      target,
      12n,
      20n,
      name(0, 12n, 19n),
      [await storedFile("b.parquet")],
      6,
    );
    expect(second).toEqual({ version: 1 });
    const actions = (await readCommitActions(table.storage, 1))!;
    expect(actions.find((action) => "txn" in action)).toEqual({
      txn: { appId: "pinpipe-kafka/p.geo/0", version: 20, lastUpdated: 6 },
    });
    const info = actions.find((action) => "commitInfo" in action);
    expect(
      info !== undefined && "commitInfo" in info ? info.commitInfo.operationParameters : null,
    ).toMatchObject({ shardId: "p.geo-0", first: "12", last: "19", epochId: "20" });
  });

  it("refuses a zombie's commit: the partition's new owner committed from the same offset first", async () => {
    const target = kafkaPartitionTable(table, "p.geo", 1);
    // Both members read the partition at offset 0; the new owner cut its batch at 5 and committed.
    const owner = await commitKafkaBatch(
      target,
      0n,
      5n,
      name(1, 0n, 4n),
      [await storedFile("owner.parquet")],
      1,
    );
    expect(owner).toEqual({ version: 0 });
    const zombie = await commitKafkaBatch(
      target,
      0n,
      8n,
      name(1, 0n, 7n),
      [await storedFile("zombie.parquet")],
      2,
    );
    expect(zombie).toBeUndefined();
    // A zombie whose batch ends where the owner's did is refused too (same records, already there).
    const same = await commitKafkaBatch(
      target,
      0n,
      5n,
      name(1, 0n, 4n),
      [await storedFile("same.parquet")],
      3,
    );
    expect(same).toBeUndefined();
    const snapshot = (await loadSnapshot(table.storage))!;
    expect(snapshot.version).toBe(0);
    expect(snapshot.txns.get("pinpipe-kafka/p.geo/1")).toBe(5);
    // The refused batches' data files are stored but never referenced.
    expect([...snapshot.files.keys()]).toEqual(["owner.parquet"]);
  });

  it("lets partitions of one table commit side by side, each under its own txn", async () => {
    const zero = kafkaPartitionTable(table, "p.geo", 0);
    const one = kafkaPartitionTable(table, "p.geo", 1);
    expect(await commitKafkaBatch(zero, 0n, 3n, name(0, 0n, 2n), [await storedFile("z.parquet")], 1)).toEqual(
      {
        version: 0,
      },
    );
    expect(await commitKafkaBatch(one, 0n, 4n, name(1, 0n, 3n), [await storedFile("o.parquet")], 1)).toEqual({
      version: 1,
    });
    expect([...(await loadSnapshot(table.storage))!.txns]).toEqual([
      ["pinpipe-kafka/p.geo/0", 3],
      ["pinpipe-kafka/p.geo/1", 4],
    ]);
  });
});

describe("committedKafkaOffset", () => {
  it("says nothing is pending when the table's txn is the checkpoint's next offset (0 for neither)", async () => {
    const target = kafkaPartitionTable(table, "p.geo", 2);
    expect(await committedKafkaOffset(target, 0n)).toBeUndefined();
    await commitKafkaBatch(target, 0n, 7n, name(2, 0n, 6n), [], 1);
    expect(await committedKafkaOffset(target, 7n)).toBeUndefined();
  });

  it("gives the offset to replay up to when the table is ahead of the checkpoint", async () => {
    const target = kafkaPartitionTable(table, "p.geo", 2);
    await commitKafkaBatch(target, 0n, 7n, name(2, 0n, 6n), [], 1);
    expect(await committedKafkaOffset(target, 0n)).toBe(7n);
    await commitKafkaBatch(target, 7n, 9n, name(2, 7n, 8n), [], 1);
    expect(await committedKafkaOffset(target, 7n)).toBe(9n);
  });

  it("refuses a table behind the checkpoint (another history) with a clear error", async () => {
    const target = kafkaPartitionTable(table, "p.geo", 2);
    await commitKafkaBatch(target, 0n, 7n, name(2, 0n, 6n), [], 1);
    const behind = committedKafkaOffset(target, 12n);
    await expect(behind).rejects.toBeInstanceOf(StreamDeltaError);
    await expect(behind).rejects.toThrow(
      /holds pinpipe-kafka\/p\.geo\/2 up to offset 7 but its checkpoint says 12: they do not belong together/,
    );
  });
});

describe("txnVersionOfOffset", () => {
  it("keeps offsets up to 2^53 - 1 and refuses larger ones rather than rounding them", () => {
    expect(txnVersionOfOffset(0n)).toBe(0);
    expect(txnVersionOfOffset(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => txnVersionOfOffset(9_007_199_254_740_992n)).toThrow(/past 2\^53/);
  });
});
