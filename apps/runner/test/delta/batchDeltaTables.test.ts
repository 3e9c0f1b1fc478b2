import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import type { S3Client } from "@aws-sdk/client-s3";
import type { BatchManifest } from "@pinpipe/core";
import { loadSnapshot, RUN_ID_TAG, s3DeltaStorage } from "@pinpipe/delta";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { cleanRecords, type RawLines, rawLines, TABLES, writeLocalTopics } from "../batch/rawTopicsFixture";

const READER = fileURLToPath(
  new URL("../../../../packages/delta/test/support/readDeltaTable.py", import.meta.url),
);

async function pinpipe(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d) => out.push(String(d)));
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const context: CommandContext = { stdout, stderr, interactive: false, cwd: process.cwd(), env };
  const code = await main(args, commands, context);
  return { code, out: out.join(""), err: err.join("") };
}

interface DeltaRsTable {
  version: number;
  schema: { name: string; type: string; nullable: boolean }[];
  partitionColumns: string[];
  history: { version: number; operation: string }[];
  rows: Record<string, unknown>[];
}

const manifestOf = (out: string, runId: string): BatchManifest =>
  JSON.parse(readFileSync(join(out, "runs", runId, "manifest.json"), "utf8"));

describe("pinpipe batch --format", () => {
  let lines: RawLines;
  let raw: string;
  let work: string;

  beforeAll(async () => {
    lines = rawLines(300, 5);
    raw = await writeLocalTopics(lines);
    work = mkdtempSync(join(tmpdir(), "pinpipe-batch-delta-"));
  });
  afterAll(() => {
    rmSync(raw, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("parquet writes the run folder only", async () => {
    const out = join(work, "plain");
    const result = await pinpipe([
      "batch",
      "--source",
      raw,
      "--out",
      out,
      "--run-id",
      "r",
      "--format",
      "parquet",
    ]);
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toEqual(["runs"]);
  });

  it("delta (the default) commits one version per table whose files hold the rows batch reports", async () => {
    const out = join(work, "delta");
    const result = await pinpipe([
      "batch",
      "--source",
      raw,
      "--out",
      out,
      "--run-id",
      "day1",
      "--table-prefix",
      "0a1b",
    ]);
    expect(result.code).toBe(0);
    const manifest = manifestOf(out, "day1");
    expect(readdirSync(join(out, "tables")).sort()).toEqual([
      "0a1b_geo_table",
      "0a1b_pin_table",
      "0a1b_user_table",
    ]);
    const { localDeltaStorage } = await import("@pinpipe/delta");
    for (const table of TABLES) {
      const snapshot = (await loadSnapshot(localDeltaStorage(join(out, "tables", `0a1b_${table}_table`))))!;
      expect(snapshot.version).toBe(0);
      const stats = [...snapshot.files.values()].map(
        (add) => JSON.parse(add.stats!) as { numRecords: number },
      );
      expect(stats.reduce((sum, s) => sum + s.numRecords, 0)).toBe(manifest.counts[table].clean);
      expect([...snapshot.files.values()].every((add) => add.tags?.[RUN_ID_TAG] === "day1")).toBe(true);
      expect(result.err).toContain(`0a1b_${table}_table: version 0`);
    }
  });

  it("refuses an unknown format or a bad prefix as usage errors", async () => {
    const out = join(work, "bad");
    expect((await pinpipe(["batch", "--source", raw, "--out", out, "--format", "orc"])).code).toBe(2);
    const prefix = await pinpipe(["batch", "--source", raw, "--out", out, "--table-prefix", "a/b"]);
    expect(prefix.code).toBe(2);
    expect(prefix.err).toContain("--table-prefix");
    expect(existsSync(out)).toBe(false);
  });
});

describeWithPeer("deltalake", "delta-rs reads the Delta tables of pinpipe batch", (deltalake) => {
  let work: string;
  let out: string;
  let linesB: RawLines;
  let rawA: string;
  let rawB: string;

  const read = (table: string): DeltaRsTable => {
    const result = spawnSync(deltalake.python!, [READER, join(out, "tables", `pinpipe_${table}_table`)], {
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`delta-rs failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as DeltaRsTable;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "pinpipe-batch-delta-rs-"));
    out = join(work, "out");
    rawA = await writeLocalTopics(rawLines(400, 21));
    // A second day: other posts.
    linesB = rawLines(150, 22);
    rawB = await writeLocalTopics(linesB);
  });
  afterAll(() => {
    for (const dir of [work, rawA, rawB]) rmSync(dir, { recursive: true, force: true });
  });

  it("sees exactly the clean rows of each run, and a rerun replaces its run's rows", async () => {
    expect((await pinpipe(["batch", "--source", rawA, "--out", out, "--run-id", "day1"])).code).toBe(0);
    const day1 = manifestOf(out, "day1");
    for (const table of TABLES) {
      const seen = read(table);
      expect(seen.rows).toHaveLength(day1.counts[table].clean);
      expect(seen.version).toBe(0);
    }
    expect((await pinpipe(["batch", "--source", rawB, "--out", out, "--run-id", "day2"])).code).toBe(0);
    const day2 = manifestOf(out, "day2");
    // Day 1 again, from day 2's source: its rows are replaced, day 2's stay.
    expect((await pinpipe(["batch", "--source", rawB, "--out", out, "--run-id", "day1"])).code).toBe(0);
    for (const table of TABLES) {
      const seen = read(table);
      expect(seen.rows).toHaveLength(2 * day2.counts[table].clean);
      expect(seen.version).toBe(2);
      expect(seen.history.map((entry) => entry.version)).toEqual([0, 1, 2]);
    }
  });

  it("sees the schema and partitions of the clean tables, and every row's values", async () => {
    const geo = read("geo");
    expect(geo.partitionColumns).toEqual(["post_year"]);
    expect(geo.schema.map((field) => field.name)).toEqual([
      "ind",
      "country",
      "coordinates",
      "timestamp",
      "post_year",
    ]);
    expect(geo.schema[0]!.nullable).toBe(false);
    for (const row of geo.rows) {
      const timestamp = row.timestamp as string | null;
      expect(row.post_year).toBe(timestamp === null ? null : Number(timestamp.slice(0, 4)));
    }
    const pin = read("pin");
    expect(pin.partitionColumns).toEqual(["category"]);
    const user = read("user");
    expect(user.partitionColumns).toEqual(["join_year"]);
    expect(user.schema.find((field) => field.name === "age")?.type).toMatch(/integer/);
    // Both runs now hold day 2's source: every clean record twice, with its values.
    const expected = cleanRecords(linesB);
    const twice = <T>(rows: readonly T[]) => [...rows, ...rows];
    const byInd = (a: { ind: unknown }, b: { ind: unknown }) => Number(a.ind) - Number(b.ind);
    const seenUsers = user.rows
      .map((row) => ({ ind: row.ind, user_name: row.user_name, age: row.age }))
      .sort(byInd);
    const wantUsers = twice(expected.user)
      .map((row) => ({ ind: row.ind, user_name: row.user_name, age: row.age }))
      .sort(byInd);
    expect(seenUsers).toEqual(wantUsers);
    const seenPins = pin.rows
      .map((row) => ({ ind: row.ind, category: row.category, title: row.title }))
      .sort(byInd);
    const wantPins = twice(expected.pin)
      .map((row) => ({ ind: row.ind, category: row.category === "" ? null : row.category, title: row.title }))
      .sort(byInd);
    expect(seenPins).toEqual(wantPins);
  });
});

describe("Delta tables on S3", () => {
  let s3: LocalS3Server;
  let client: S3Client;
  let raw: string;

  beforeAll(async () => {
    [raw, s3] = await Promise.all([writeLocalTopics(rawLines(120, 3)), startLocalS3({ buckets: ["lake"] })]);
    client = createS3Client({ endpoint: s3.endpoint, env: {} });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    rmSync(raw, { recursive: true, force: true });
  });

  it("batch commits the run's files as server-side copies under s3://…/tables/", async () => {
    const result = await pinpipe(["batch", "--source", raw, "--out", "s3://lake/pp", "--run-id", "d"], {
      AWS_ENDPOINT_URL: s3.endpoint,
    });
    expect(result.code, result.err).toBe(0);
    const snapshot = (await loadSnapshot(s3DeltaStorage(client, "lake", "pp/tables/pinpipe_user_table")))!;
    expect(snapshot.version).toBe(0);
    expect(snapshot.files.size).toBeGreaterThan(0);
  });
});

describe("pinpipe optimize and pinpipe vacuum", () => {
  let work: string;
  let out: string;
  let raw: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "pinpipe-optimize-"));
    out = join(work, "out");
    raw = await writeLocalTopics(rawLines(200, 31));
  });
  afterAll(() => {
    for (const dir of [work, raw]) rmSync(dir, { recursive: true, force: true });
  });

  const tableFiles = (name: string) =>
    readdirSync(join(out, "tables", name), { recursive: true, withFileTypes: true })
      .filter(
        (entry) =>
          entry.isFile() && entry.name.endsWith(".parquet") && !entry.parentPath.includes("_delta_log"),
      )
      .map((entry) => join(entry.parentPath, entry.name));

  it("compact each run's files per partition, then delete what no version references", async () => {
    const { localDeltaStorage } = await import("@pinpipe/delta");
    for (const runId of ["a", "b"]) {
      expect((await pinpipe(["batch", "--source", raw, "--out", out, "--run-id", runId])).code).toBe(0);
    }
    const geo = () => localDeltaStorage(join(out, "tables", "pinpipe_geo_table"));
    // A large run writes several files per partition; small test runs write one: give run "a" a
    // second copy of each of its files, as such a run would have.
    const { cleanTableDefinition, writeTableCommit } = await import("@pinpipe/delta");
    const first = (await loadSnapshot(geo()))!;
    const copies = [];
    for (const [path, add] of first.files) {
      if (add.tags?.[RUN_ID_TAG] !== "a") continue;
      const copy = path.replace(/\.parquet$/, "-copy.parquet");
      await geo().put(copy, (await geo().read(path))!);
      copies.push({ ...add, path: copy, stats: add.stats!, tags: add.tags! });
    }
    await writeTableCommit(geo(), cleanTableDefinition("geo", "pinpipe"), { add: copies });
    const rowsOf = async () =>
      [...(await loadSnapshot(geo()))!.files.values()].reduce(
        (sum, add) => sum + JSON.parse(add.stats!).numRecords,
        0,
      );
    const before = await rowsOf();
    const filesBefore = (await loadSnapshot(geo()))!.files.size;

    const optimized = await pinpipe(["optimize", out, "--tables", "geo", "--small-file-bytes", "1GiB"]);
    expect(optimized.code, optimized.err).toBe(0);
    const after = (await loadSnapshot(geo()))!;
    expect(after.version).toBe(3);
    expect(await rowsOf()).toBe(before);
    // One file per partition and run at most.
    const groups = new Set(
      [...after.files.values()].map((add) => JSON.stringify([add.partitionValues, add.tags])),
    );
    expect(after.files.size).toBe(groups.size);
    expect(after.files.size).toBe(filesBefore - copies.length);

    const dry = await pinpipe(["vacuum", out, "--tables", "geo", "--retention-hours", "0", "--dry-run"]);
    expect(dry.code).toBe(0);
    const onDisk = tableFiles("pinpipe_geo_table").length;
    const vacuumed = await pinpipe(["vacuum", out, "--tables", "geo", "--retention-hours", "0"]);
    expect(vacuumed.code, vacuumed.err).toBe(0);
    expect(tableFiles("pinpipe_geo_table")).toHaveLength(after.files.size);
    expect(onDisk - after.files.size).toBe((dry.out.match(/^would delete /gm) ?? []).length);
    expect((await loadSnapshot(geo()))!.version).toBe(4);
    expect(await rowsOf()).toBe(before);
  });

  it("refuse bad options as usage errors", async () => {
    expect((await pinpipe(["optimize", out, "--tables", "posts"])).code).toBe(2);
    expect((await pinpipe(["vacuum", out, "--retention-hours", "-1"])).code).toBe(2);
    expect((await pinpipe(["vacuum"])).code).toBe(2);
  });
});
