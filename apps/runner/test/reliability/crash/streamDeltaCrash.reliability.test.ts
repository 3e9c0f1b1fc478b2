import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { type DeltaStorage, loadSnapshot, localDeltaStorage, vacuumTable } from "@pinpipe/delta";
import {
  createKinesisClient,
  createPrng,
  ensureKinesisStream,
  type GeneratedPost,
  generatePosts,
  putKinesisRecords,
} from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { peer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStreamCheckpoint } from "../../../src/stream/streamCheckpoint";
import { streamAppId } from "../../../src/stream/streamDeltaTable";
import { readParquetRows } from "../support/readParquet";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

const KILLS = Number(process.env.PINPIPE_CRASH_KILLS ?? 30);
const SEED = 8_080_808;
const TABLES = ["pin", "geo", "user"] as const;
const POSTS_PER_ROUND = 24;
const READER = fileURLToPath(
  new URL("../../../../../packages/delta/test/support/readDeltaTable.py", import.meta.url),
);

/** What the latest version of a stream's Delta table holds, read through pinpipe's log reader. */
interface TableState {
  readonly inds: number[];
  /** Data files stored under the table that no version references (left by killed attempts). */
  readonly orphans: number;
  readonly txn: number;
}

async function readTableState(storage: DeltaStorage, appId: string): Promise<TableState> {
  const snapshot = await loadSnapshot(storage);
  if (snapshot === null) return { inds: [], orphans: 0, txn: 0 };
  const inds: number[] = [];
  for (const path of snapshot.files.keys()) {
    const bytes = await storage.read(path);
    // A committed version never references a file that is missing (or was never written whole).
    expect(bytes, `${storage.location}: ${path} is referenced`).not.toBeNull();
    inds.push(...(await readParquetRows(bytes!)).map((row) => Number(row.ind)));
  }
  const stored = (await storage.listAll()).filter(
    (file) => file.path.endsWith(".parquet") && !file.path.startsWith("_delta_log/"),
  );
  return {
    inds,
    orphans: stored.filter((file) => !snapshot.files.has(file.path)).length,
    txn: snapshot.txns.get(appId) ?? 0,
  };
}

describe("pinpipe stream --format delta killed with SIGKILL at seeded points while producers keep sending", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-delta-crash-"));
  const out = join(root, "out");
  const streams = { pin: "dcrash-pin", geo: "dcrash-geo", user: "dcrash-user" };
  const table = (name: string) => localDeltaStorage(join(out, "tables", `pinpipe_${name}_table`));
  let kinesis: LocalServer;
  let client: KinesisClient;
  const sent: Record<string, number[]> = { pin: [], geo: [], user: [] };
  const posts = generatePosts({ seed: SEED, count: 100_000 })[Symbol.iterator]();

  const streamArgs = (): string[] => [
    "stream",
    "--out",
    out,
    "--streams",
    `${streams.pin},${streams.geo},${streams.user}`,
    "--until-idle",
    "0.4",
    "--batch-records",
    "12",
    "--batch-seconds",
    "0.2",
    "--poll-ms",
    "40",
    "--kinesis-endpoint",
    kinesis.endpoint,
  ];

  /** Latest modification time of the tables' logs (0 before the first commit). */
  const logTime = (): number =>
    Math.max(
      0,
      ...TABLES.map((name) => {
        try {
          return statSync(join(out, "tables", `pinpipe_${name}_table`, "_delta_log")).mtimeMs;
        } catch {
          return 0;
        }
      }),
    );

  /** The stream checkpoint of a table's stream, if written yet. */
  const checkpointOf = (name: (typeof TABLES)[number]) => {
    const path = join(out, "stream", "checkpoints", `${streams[name]}.json`);
    return existsSync(path)
      ? parseStreamCheckpoint(readFileSync(path, "utf8"), streams[name], name, path)
      : undefined;
  };

  async function produce(count: number): Promise<void> {
    const batch: GeneratedPost[] = [];
    for (let i = 0; i < count; i++) batch.push(posts.next().value as GeneratedPost);
    await Promise.all(
      TABLES.map(async (name) => {
        const records = batch.map((post) => post[name] as unknown as Record<string, unknown>);
        await putKinesisRecords({
          client,
          stream: streams[name],
          records,
          partitionKey: (record) => String(record.ind ?? record.index),
        });
        sent[name]!.push(...records.map((record) => Number(record.ind ?? record.index)));
      }),
    );
  }

  beforeAll(async () => {
    kinesis = await startLocalKinesis({ createStreamMs: 0 });
    client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
    for (const stream of Object.values(streams)) await ensureKinesisStream({ client, stream, shardCount: 2 });
  });
  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  // Thirty kills and restarts of a CLI that takes a second or two to start: a few minutes.
  it(`survives ${KILLS} kills: no version repeats a record or references a missing file; after a clean finish every record is in the tables once`, async () => {
    const prng = createPrng(SEED);
    await produce(POSTS_PER_ROUND);
    const spawnedAt = performance.now();
    const before = Date.now();
    let firstCommitAt = Number.POSITIVE_INFINITY;
    const firstCommit = (): boolean => {
      if (logTime() < before) return false;
      firstCommitAt = Math.min(firstCommitAt, performance.now());
      return true;
    };
    const first = await runCli(streamArgs(), { anchor: { ready: firstCommit, delayMs: 600_000 } });
    expect(first.code, first.stderr).toBe(0);
    const startupMs = Math.min(first.ms, firstCommitAt - spawnedAt);
    const workMs = Math.max(300, first.ms - startupMs);
    let kills = 0;
    let finishedByChance = 0;
    let mostOrphans = 0;
    let checks = 0;
    // Kills that left a table one micro-batch ahead of its checkpoint (between commit and checkpoint).
    let aheadOfCheckpoint = 0;
    let previousOrphans = 0;
    // Kills that left data files of a micro-batch never committed (between data files and commit).
    let beforeCommit = 0;
    const started = performance.now();
    while (kills < KILLS) {
      await produce(POSTS_PER_ROUND);
      // Most kills land while batches are written and committed (after the round's first
      // commit), the rest during start-up (reading the log and the checkpoint).
      const since = Date.now();
      const run =
        prng.nextFloat() < 0.85
          ? await runCli(streamArgs(), {
              anchor: { ready: () => logTime() >= since, delayMs: prng.nextFloat() * workMs * 1.1 },
            })
          : await runCli(streamArgs(), { killAfterMs: startupMs * prng.nextFloat() });
      if (run.killed) kills += 1;
      else {
        expect(run.code, run.stderr).toBe(0);
        finishedByChance += 1;
      }
      let orphans = 0;
      for (const name of TABLES) {
        const state = await readTableState(table(name), streamAppId(streams[name]));
        expect(state.inds.length - new Set(state.inds).size, `${name}: a committed record twice`).toBe(0);
        orphans += state.orphans;
        checks += 1;
        const checkpointBatches = checkpointOf(name)?.totals.batches ?? 0;
        expect(state.txn - checkpointBatches, `${name}: table and checkpoint`).toBeGreaterThanOrEqual(0);
        expect(state.txn - checkpointBatches, `${name}: table and checkpoint`).toBeLessThanOrEqual(1);
        if (run.killed && state.txn > checkpointBatches) aheadOfCheckpoint += 1;
      }
      if (run.killed && orphans > previousOrphans) beforeCommit += 1;
      previousOrphans = orphans;
      mostOrphans = Math.max(mostOrphans, orphans);
      expect(kills + finishedByChance).toBeLessThan(KILLS * 3);
    }
    const last = await runCli(streamArgs());
    expect(last.code, last.stderr).toBe(0);

    const deltalake = peer("deltalake");
    let orphansLeft = 0;
    for (const name of TABLES) {
      const state = await readTableState(table(name), streamAppId(streams[name]));
      const outcome = compareIds(sent[name]!, state.inds);
      expect(outcome, name).toEqual({
        sent: sent[name]!.length,
        written: sent[name]!.length,
        duplicates: 0,
        lost: 0,
      });
      addRecordOutcome({ ...outcome, rejected: 0 });
      // One micro-batch, one txn version: the checkpoint and the table count the same batches.
      expect(state.txn, name).toBe(checkpointOf(name)!.totals.batches);
      orphansLeft += state.orphans;
      // Files of killed attempts are never referenced, and vacuum takes them away.
      const { deleted } = await vacuumTable(table(name), { retentionMs: 0 });
      // (Besides the orphans, vacuum takes temporary files of writes a kill cut short.)
      expect(deleted.length).toBeGreaterThanOrEqual(state.orphans);
      expect((await readTableState(table(name), streamAppId(streams[name]))).inds).toHaveLength(
        sent[name]!.length,
      );
      if (deltalake.ready) {
        const read = spawnSync(deltalake.python!, [READER, join(out, "tables", `pinpipe_${name}_table`)], {
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        });
        expect(read.status, read.stderr).toBe(0);
        const inds = (JSON.parse(read.stdout) as { rows: { ind: number }[] }).rows.map((row) =>
          Number(row.ind),
        );
        expect(compareIds(sent[name]!, inds), `delta-rs ${name}`).toEqual(outcome);
      }
    }
    addCounts("crashes survived", {
      "pinpipe stream --format delta (SIGKILL)": kills,
      "stream Delta table checks after a kill": checks,
      "stream Delta orphan data files (never referenced, vacuumed)": orphansLeft,
      "stream Delta kills between data files and commit": beforeCommit,
      "stream Delta kills between commit and checkpoint (replayed, not recommitted)": aheadOfCheckpoint,
    });
    recordPeak("crashes survived", "stream Delta: most orphan files at once", mostOrphans);
    recordPeak("elapsed (s)", "stream Delta crash loop", (performance.now() - started) / 1000);
  }, 1_800_000);
});
