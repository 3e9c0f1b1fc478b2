import { mkdtemp, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHECKPOINT_INTERVAL,
  commitFileName,
  DeltaConflictError,
  DeltaLogError,
  DeltaProtocolError,
  type DeltaStorage,
  loadSnapshot,
  localDeltaStorage,
  type NewDataFile,
  readCommitActions,
  type TableDefinition,
  writeTableCommit,
} from "../src/index";

const DEFINITION: TableDefinition = {
  name: "geo_table",
  fields: [
    { name: "ind", type: "long", nullable: false },
    { name: "country", type: "string", nullable: true },
    { name: "post_year", type: "integer", nullable: true },
  ],
  partitionColumns: ["post_year"],
};

const file = (path: string, year: string | null = "2019"): NewDataFile => ({
  path,
  partitionValues: { post_year: year },
  size: 100,
  stats: JSON.stringify({ numRecords: 1, minValues: {}, maxValues: {}, nullCount: {} }),
  modificationTime: 1,
});

let dir: string;
let storage: DeltaStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-"));
  storage = localDeltaStorage(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeTableCommit", () => {
  it("creates the table at reader 1 / writer 2 with its schema and partition columns, then appends", async () => {
    const first = await writeTableCommit(storage, DEFINITION, { add: [file("post_year=2019/a.parquet")] });
    expect(first).toMatchObject({ version: 0, committed: true, added: 1 });
    const second = await writeTableCommit(storage, DEFINITION, {
      add: [file("post_year=2020/b.parquet", "2020")],
    });
    expect(second.version).toBe(1);
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.protocol).toEqual({ minReaderVersion: 1, minWriterVersion: 2 });
    expect(JSON.parse(snapshot.metadata.schemaString).fields.map((f: { name: string }) => f.name)).toEqual([
      "ind",
      "country",
      "post_year",
    ]);
    expect(snapshot.metadata.partitionColumns).toEqual(["post_year"]);
    expect([...snapshot.files.keys()].sort()).toEqual([
      "post_year=2019/a.parquet",
      "post_year=2020/b.parquet",
    ]);
    const log = (await readCommitActions(storage, 1))!;
    expect(log.some((action) => "commitInfo" in action)).toBe(true);
    expect(log.some((action) => "metaData" in action)).toBe(false);
  });

  it("replaces files in one commit, keeping both versions in the history", async () => {
    await writeTableCommit(storage, DEFINITION, { add: [file("run=a/x.parquet"), file("run=b/y.parquet")] });
    const outcome = await writeTableCommit(storage, DEFINITION, {
      add: [file("run=a/x2.parquet")],
      remove: (snapshot) => [...snapshot.files.values()].filter((add) => add.path.startsWith("run=a/")),
    });
    expect(outcome).toMatchObject({ version: 1, added: 1, removed: 1 });
    const actions = (await readCommitActions(storage, 1))!;
    expect(actions.filter((action) => "remove" in action)).toHaveLength(1);
    expect([...(await loadSnapshot(storage))!.files.keys()].sort()).toEqual([
      "run=a/x2.parquet",
      "run=b/y.parquet",
    ]);
    expect([...(await loadSnapshot(storage, { version: 0 }))!.files.keys()].sort()).toEqual([
      "run=a/x.parquet",
      "run=b/y.parquet",
    ]);
  });

  it("skips a txn version already committed, so a replayed micro-batch is written once", async () => {
    const txn = { appId: "stream-geo", version: 3 };
    expect((await writeTableCommit(storage, DEFINITION, { add: [file("a.parquet")], txn })).committed).toBe(
      true,
    );
    const again = await writeTableCommit(storage, DEFINITION, { add: [file("b.parquet")], txn });
    expect(again).toMatchObject({ committed: false, version: 0 });
    expect((await loadSnapshot(storage))!.txns.get("stream-geo")).toBe(3);
  });

  it("commits a txn that follows the application's version only while the table still holds that version", async () => {
    const appId = "pinpipe-kafka/p.pin/0";
    // 0 stands for no version yet: the first batch of a partition follows 0.
    const first = await writeTableCommit(storage, DEFINITION, {
      add: [file("a.parquet")],
      txn: { appId, version: 10, follows: 0 },
    });
    expect(first).toMatchObject({ committed: true, version: 0 });
    // A writer that read the partition at 0 and cut offsets 0 to 19 lost its place to the one above.
    const zombie = await writeTableCommit(storage, DEFINITION, {
      add: [file("z.parquet")],
      txn: { appId, version: 20, follows: 0 },
    });
    expect(zombie).toMatchObject({ committed: false, version: 0, added: 0 });
    const next = await writeTableCommit(storage, DEFINITION, {
      add: [file("b.parquet")],
      txn: { appId, version: 20, follows: 10 },
    });
    expect(next).toMatchObject({ committed: true, version: 1 });
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.txns.get(appId)).toBe(20);
    expect([...snapshot.files.keys()].sort()).toEqual(["a.parquet", "b.parquet"]);
  });

  it("re-checks a following txn after losing the commit race: refused when the winner moved the application, retried when it is another", async () => {
    await writeTableCommit(storage, DEFINITION, { add: [] });
    /** Lets `before` commit first when this writer tries `version`, as a concurrent writer would. */
    const racing = (version: number, before: () => Promise<unknown>): DeltaStorage => {
      let raced = false;
      return {
        ...storage,
        location: storage.location,
        read: (path) => storage.read(path),
        list: (folder) => storage.list(folder),
        listAll: () => storage.listAll(),
        remove: (path) => storage.remove(path),
        put: (path, bytes) => storage.put(path, bytes),
        async putIfAbsent(path, bytes) {
          if (!raced && path === `_delta_log/${commitFileName(version)}`) {
            raced = true;
            await before();
          }
          return storage.putIfAbsent(path, bytes);
        },
      };
    };
    const appId = "pinpipe-kafka/p.geo/2";
    // The new owner of the partition commits between this writer's snapshot and its commit.
    const lost = await writeTableCommit(
      racing(1, () =>
        writeTableCommit(storage, DEFINITION, {
          add: [file("owner.parquet")],
          txn: { appId, version: 4, follows: 0 },
        }),
      ),
      DEFINITION,
      { add: [file("zombie.parquet")], txn: { appId, version: 7, follows: 0 } },
    );
    expect(lost).toMatchObject({ committed: false, version: 1 });
    // Another partition's commit wins the version: this one is made at the next.
    const other = await writeTableCommit(
      racing(2, () =>
        writeTableCommit(storage, DEFINITION, {
          add: [file("other.parquet")],
          txn: { appId: "pinpipe-kafka/p.geo/3", version: 9, follows: 0 },
        }),
      ),
      DEFINITION,
      { add: [file("mine.parquet")], txn: { appId, version: 8, follows: 4 } },
    );
    expect(other).toMatchObject({ committed: true, version: 3, retries: 1 });
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.txns.get(appId)).toBe(8);
    expect([...snapshot.files.keys()].sort()).toEqual(["mine.parquet", "other.parquet", "owner.parquet"]);
  });

  it("refuses to remove rows from an append-only table", async () => {
    const appendOnly = { ...DEFINITION, configuration: { "delta.appendOnly": "true" } };
    await writeTableCommit(storage, appendOnly, { add: [file("a.parquet")] });
    await expect(
      writeTableCommit(storage, appendOnly, { add: [], remove: (s) => [...s.files.values()] }),
    ).rejects.toThrow(/append-only/);
    // A compaction changes no rows, so it may remove.
    const compacted = await writeTableCommit(storage, appendOnly, {
      add: [file("c.parquet")],
      remove: (s) => [...s.files.values()],
      dataChange: false,
      operation: "OPTIMIZE",
    });
    expect(compacted.removed).toBe(1);
  });

  it("refuses a table of another schema, partitioning or a newer writer protocol", async () => {
    await writeTableCommit(storage, DEFINITION, { add: [] });
    await expect(
      writeTableCommit(storage, { ...DEFINITION, partitionColumns: [] }, { add: [] }),
    ).rejects.toThrow(DeltaProtocolError);
    await expect(
      writeTableCommit(storage, { ...DEFINITION, fields: DEFINITION.fields.slice(1) }, { add: [] }),
    ).rejects.toThrow(/another schema/);
    await writeFile(
      join(dir, "_delta_log", commitFileName(1)),
      '{"protocol":{"minReaderVersion":1,"minWriterVersion":7,"writerFeatures":["changeDataFeed"]}}\n',
    );
    await expect(writeTableCommit(storage, DEFINITION, { add: [] })).rejects.toThrow(/writer version 7/);
  });

  it("writes a Parquet checkpoint every ten commits that replays to the same table", async () => {
    for (let i = 0; i < 2 * CHECKPOINT_INTERVAL + 3; i++) {
      await writeTableCommit(storage, DEFINITION, {
        add: [file(`post_year=${2000 + (i % 3)}/f${i}.parquet`, String(2000 + (i % 3)))],
        remove: (s) => [...s.files.values()].filter((add) => add.path === `post_year=2000/f${i - 3}.parquet`),
        ...(i % 2 === 0 ? { txn: { appId: "app", version: i } } : {}),
      });
    }
    const names = await readdir(join(dir, "_delta_log"));
    expect(names).toContain("00000000000000000010.checkpoint.parquet");
    expect(names).toContain("00000000000000000020.checkpoint.parquet");
    expect(names).toContain("_last_checkpoint");
    const fromCheckpoint = (await loadSnapshot(storage))!;
    expect(fromCheckpoint.checkpointVersion).toBe(20);
    // The same table replayed from commits alone.
    for (const name of names.filter((n) => n.includes("checkpoint"))) await rm(join(dir, "_delta_log", name));
    const fromCommits = (await loadSnapshot(storage))!;
    expect(fromCommits.checkpointVersion).toBeNull();
    expect(fromCheckpoint.version).toBe(fromCommits.version);
    expect(new Map([...fromCheckpoint.files].map(([p, a]) => [p, { ...a, dataChange: true }]))).toEqual(
      fromCommits.files,
    );
    expect(fromCheckpoint.txns).toEqual(fromCommits.txns);
    expect(fromCheckpoint.metadata).toEqual(fromCommits.metadata);
    expect([...fromCheckpoint.tombstones.keys()].sort()).toEqual([...fromCommits.tombstones.keys()].sort());
  });

  it("fails clearly, and writes nothing, on a truncated or missing log entry", async () => {
    for (let i = 0; i < 3; i++) await writeTableCommit(storage, DEFINITION, { add: [file(`f${i}.parquet`)] });
    const last = join(dir, "_delta_log", commitFileName(2));
    await truncate(last, 30);
    await expect(writeTableCommit(storage, DEFINITION, { add: [file("g.parquet")] })).rejects.toThrow(
      DeltaLogError,
    );
    await rm(last);
    await rm(join(dir, "_delta_log", commitFileName(1)));
    await writeFile(last, '{"commitInfo":{}}\n');
    await expect(loadSnapshot(storage)).rejects.toThrow(/version 1 is missing/);
    expect(await readdir(join(dir, "_delta_log"))).toHaveLength(2);
  });
});

describe("concurrent commits in one process", () => {
  it("lose no commit: racing writers retry at the next version", async () => {
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 5; i++)
          await writeTableCommit(storage, DEFINITION, { add: [file(`w${w}/f${i}.parquet`)] });
      })(),
    );
    await Promise.all(writers);
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.files.size).toBe(40);
    expect(snapshot.version).toBe(39);
  });

  it("fail with a conflict when both remove the same file", async () => {
    await writeTableCommit(storage, DEFINITION, { add: [file("a.parquet")] });
    const snapshot = (await loadSnapshot(storage))!;
    await writeTableCommit(storage, DEFINITION, { add: [], remove: (s) => [...s.files.values()] });
    // A writer that read version 0 and removes a.parquet too.
    const { commitTransaction } = await import("../src/index");
    const add = snapshot.files.get("a.parquet")!;
    await expect(
      commitTransaction(storage, 0, [{ remove: { path: add.path, dataChange: true } }]),
    ).rejects.toThrow(DeltaConflictError);
  });
});
