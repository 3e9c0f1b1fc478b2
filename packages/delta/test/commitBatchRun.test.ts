import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  commitBatchRun,
  DeltaConflictError,
  loadSnapshot,
  localDeltaStorage,
  type NewDataFile,
  RUN_ID_TAG,
  readCommitActions,
  type TableDefinition,
} from "../src/index";

const DEFINITION: TableDefinition = {
  fields: [
    { name: "ind", type: "long", nullable: false },
    { name: "category", type: "string", nullable: true },
  ],
  partitionColumns: ["category"],
};

const file = (path: string): NewDataFile => ({
  path,
  partitionValues: { category: "art" },
  size: 1,
  stats: '{"numRecords":1}',
  modificationTime: 0,
});

describe("commitBatchRun", () => {
  it("appends runs and replaces a rerun's files in one commit, keeping other runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-run-"));
    try {
      const storage = localDeltaStorage(dir);
      await commitBatchRun(storage, DEFINITION, "day1", [
        file("category=art/a1.parquet"),
        file("category=art/a2.parquet"),
      ]);
      await commitBatchRun(storage, DEFINITION, "day2", [file("category=art/b1.parquet")]);
      const rerun = await commitBatchRun(storage, DEFINITION, "day1", [file("category=art/a3.parquet")]);
      expect(rerun).toMatchObject({ version: 2, added: 1, removed: 2 });
      const snapshot = (await loadSnapshot(storage))!;
      expect([...snapshot.files.keys()].sort()).toEqual([
        "category=art/a3.parquet",
        "category=art/b1.parquet",
      ]);
      expect(snapshot.files.get("category=art/a3.parquet")!.tags).toEqual({ [RUN_ID_TAG]: "day1" });
      const actions = (await readCommitActions(storage, 2))!;
      expect(actions.filter((action) => "remove" in action)).toHaveLength(2);
      expect(actions.filter((action) => "add" in action)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to commit over a concurrent commit of the same run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-run-"));
    try {
      const storage = localDeltaStorage(dir);
      await commitBatchRun(storage, DEFINITION, "day0", [file("z.parquet")]);
      const results = await Promise.allSettled([
        commitBatchRun(storage, DEFINITION, "day1", [file("x.parquet")]),
        commitBatchRun(storage, DEFINITION, "day1", [file("y.parquet")]),
      ]);
      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result) => result.status === "rejected");
      // Both read version 0; whichever lost the race must not add a second copy of the run.
      if (rejected.length === 1)
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(DeltaConflictError);
      const snapshot = (await loadSnapshot(storage))!;
      const day1 = [...snapshot.files.values()].filter((add) => add.tags?.[RUN_ID_TAG] === "day1");
      expect(day1).toHaveLength(1);
      expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
