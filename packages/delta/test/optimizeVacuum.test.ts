import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLEAN_TABLE_PARQUET_COLUMNS } from "@pinpipe/core";
import { ParquetFileWriter } from "@pinpipe/parquet";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cleanFileFacts,
  cleanTableDefinition,
  commitBatchRun,
  type DeltaStorage,
  loadSnapshot,
  localDeltaStorage,
  optimizeCleanTable,
  readCommitActions,
  vacuumTable,
} from "../src/index";
import { utf8Column as strings } from "./support/utf8Column";

const READER = fileURLToPath(new URL("./support/readDeltaTable.py", import.meta.url));

/** A user file of the clean table: one row per ind, joined in 2015 + ind % 2. */
function userFile(inds: readonly number[], year: number): Uint8Array {
  const writer = new ParquetFileWriter(CLEAN_TABLE_PARQUET_COLUMNS.user, { createdBy: "test" });
  const head = writer.writeRowGroup(
    [
      { kind: "numbers", values: Float64Array.from(inds) },
      strings(inds.map((ind) => (ind % 3 === 0 ? null : `user ${ind}`))),
      {
        kind: "numbers",
        values: Float64Array.from(inds, (ind) => (ind % 4 === 0 ? Number.NaN : 20 + (ind % 30))),
      },
      { kind: "numbers", values: Float64Array.from(inds, (ind) => Date.UTC(year, ind % 12, 3, 4, 5, 6)) },
    ],
    inds.length,
  );
  return Buffer.concat([head, writer.finish()]);
}

async function addRun(
  storage: DeltaStorage,
  runId: string,
  files: readonly { inds: number[]; year: number }[],
) {
  const added = [];
  for (const [i, file] of files.entries()) {
    const bytes = userFile(file.inds, file.year);
    const path = `join_year=${file.year}/part-${i}-${runId}.parquet`;
    await storage.put(path, bytes);
    const facts = cleanFileFacts("user", bytes);
    added.push({
      path,
      partitionValues: facts.partitionValues,
      size: bytes.length,
      stats: facts.stats,
      modificationTime: 0,
    });
  }
  return commitBatchRun(storage, cleanTableDefinition("user", "t"), runId, added);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("optimizeCleanTable and vacuumTable", () => {
  let dir: string;
  let storage: DeltaStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-optimize-"));
    storage = localDeltaStorage(dir);
    await addRun(storage, "day1", [
      { inds: range(0, 10), year: 2016 },
      { inds: range(10, 20), year: 2016 },
      { inds: range(20, 25), year: 2017 },
    ]);
    await addRun(storage, "day2", [
      { inds: range(100, 110), year: 2016 },
      { inds: range(110, 112), year: 2016 },
    ]);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rowsOf = async (s: DeltaStorage) => {
    const snapshot = (await loadSnapshot(s))!;
    return [...snapshot.files.values()].reduce((sum, add) => sum + JSON.parse(add.stats!).numRecords, 0);
  };

  it("compacts the small files of each partition and run into one, with dataChange false", async () => {
    const before = await rowsOf(storage);
    const outcome = await optimizeCleanTable(storage, "user", "t");
    expect(outcome).toMatchObject({ version: 2, removed: 4, added: 2, rows: 32 });
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.files.size).toBe(3);
    expect(await rowsOf(storage)).toBe(before);
    const actions = (await readCommitActions(storage, 2))!;
    expect(actions.every((a) => !("add" in a) || a.add.dataChange === false)).toBe(true);
    expect(actions.every((a) => !("remove" in a) || a.remove.dataChange === false)).toBe(true);
    expect(actions.find((a) => "commitInfo" in a)).toMatchObject({ commitInfo: { operation: "OPTIMIZE" } });
    // Nothing left to compact.
    expect((await optimizeCleanTable(storage, "user", "t")).version).toBeNull();
    // A rerun of day1 still replaces day1's rows only (the compacted file kept its run tag).
    await addRun(storage, "day1", [{ inds: [7], year: 2018 }]);
    expect(await rowsOf(storage)).toBe(12 + 1);
  });

  it("vacuum deletes only unreferenced files older than the retention, and records a commit", async () => {
    await optimizeCleanTable(storage, "user", "t");
    const before = (await readdir(join(dir, "join_year=2016"))).length;
    expect(before).toBe(6);
    const kept = await vacuumTable(storage);
    expect(kept.deleted).toEqual([]);
    const now = Date.now() + 8 * 24 * 3600 * 1000;
    const { deleted, version } = await vacuumTable(storage, { now });
    expect([...deleted].sort()).toEqual([
      "join_year=2016/part-0-day1.parquet",
      "join_year=2016/part-0-day2.parquet",
      "join_year=2016/part-1-day1.parquet",
      "join_year=2016/part-1-day2.parquet",
    ]);
    expect((await readdir(join(dir, "join_year=2016"))).length).toBe(2);
    expect(version).toBe(4);
    expect(await rowsOf(storage)).toBe(37);
  });

  it("vacuum keeps a recent file a writer placed but has not committed", async () => {
    await storage.put("join_year=2020/uncommitted.parquet", userFile([1], 2020));
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await storage.put("join_year=2020/orphan.parquet", userFile([2], 2020));
    await utimes(join(dir, "join_year=2020/orphan.parquet"), old, old);
    const { deleted } = await vacuumTable(storage);
    expect(deleted).toEqual(["join_year=2020/orphan.parquet"]);
  });
});

describeWithPeer("deltalake", "delta-rs on a table optimized and vacuumed by pinpipe", (deltalake) => {
  let dir: string;
  let storage: DeltaStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-optimize-rs-"));
    storage = localDeltaStorage(dir);
    await addRun(storage, "day1", [
      { inds: range(0, 10), year: 2016 },
      { inds: range(10, 20), year: 2016 },
      { inds: range(20, 25), year: 2017 },
    ]);
    await addRun(storage, "day2", [
      { inds: range(100, 110), year: 2016 },
      { inds: range(110, 112), year: 2016 },
    ]);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("sees the same rows after optimize and vacuum", async () => {
    const read = () => {
      const result = spawnSync(deltalake.python!, [READER, dir], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(result.stderr);
      const table = JSON.parse(result.stdout) as { rows: Record<string, unknown>[]; version: number };
      return { version: table.version, rows: table.rows.sort((a, b) => Number(a.ind) - Number(b.ind)) };
    };
    const before = read();
    await optimizeCleanTable(storage, "user", "t");
    await vacuumTable(storage, { now: Date.now() + 8 * 24 * 3600 * 1000 });
    const after = read();
    expect(after.version).toBe(before.version + 2);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows).toHaveLength(37);
  });
});
