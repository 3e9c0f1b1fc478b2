import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import {
  createKinesisClient,
  createPrng,
  ensureKinesisStream,
  type GeneratedPost,
  generatePosts,
  putKinesisRecords,
} from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStreamOutput, type StreamState } from "../support/checkStreamOutput";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

const KILLS = Number(process.env.PINPIPE_CRASH_KILLS ?? 50);
const SEED = 7_070_707;
const TABLES = ["pin", "geo", "user"] as const;
const POSTS_PER_ROUND = 24;

describe("pinpipe stream killed with SIGKILL at random points while producers keep sending", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-crash-"));
  const out = join(root, "out");
  const streams = { pin: "crash-pin", geo: "crash-geo", user: "crash-user" };
  let kinesis: LocalServer;
  let client: KinesisClient;
  const sent: Record<string, number[]> = { pin: [], geo: [], user: [] };
  const sentBad: Record<string, string[]> = { pin: [], geo: [], user: [] };
  const posts = generatePosts({ seed: SEED, count: 100_000 })[Symbol.iterator]();
  let round = 0;

  const streamArgs = (output: string): string[] => [
    "stream",
    "--format",
    "parquet",
    "--out",
    output,
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

  /** Latest modification time of the three checkpoints (0 before the first). */
  const checkpointTime = (output: string): number =>
    Math.max(
      0,
      ...Object.values(streams).map((stream) => {
        try {
          return statSync(join(output, "stream", "checkpoints", `${stream}.json`)).mtimeMs;
        } catch {
          return 0;
        }
      }),
    );

  /** One producer round: new posts on all three streams, plus one record no cleaner keeps. */
  async function produce(count: number): Promise<void> {
    const batch: GeneratedPost[] = [];
    for (let i = 0; i < count; i++) batch.push(posts.next().value as GeneratedPost);
    round += 1;
    await Promise.all(
      TABLES.map(async (table) => {
        const records = batch.map((post) => post[table] as unknown as Record<string, unknown>);
        await putKinesisRecords({
          client,
          stream: streams[table],
          records,
          partitionKey: (record) => String(record.ind ?? record.index),
        });
        const bad = { index: `bad-${round}`, note: "not a key" };
        await client.send(
          new PutRecordsCommand({
            StreamName: streams[table],
            Records: [{ Data: new TextEncoder().encode(JSON.stringify(bad)), PartitionKey: `bad-${round}` }],
          }),
        );
        sent[table]!.push(...records.map((record) => Number(record.ind ?? record.index)));
        sentBad[table]!.push(JSON.stringify(bad));
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

  // Fifty kills and restarts of a CLI that takes seconds to start: minutes, more on a busy machine.
  it(`survives ${KILLS} kills: committed output never repeats a record; after a clean finish every record is there once`, async () => {
    const prng = createPrng(SEED);
    await produce(POSTS_PER_ROUND);
    // One uninterrupted round tells how long a run goes on after its first checkpoint write.
    const spawnedAt = performance.now();
    const before = Date.now();
    let firstWriteAt = Number.POSITIVE_INFINITY;
    const firstWrite = (): boolean => {
      if (checkpointTime(out) < before) return false;
      firstWriteAt = Math.min(firstWriteAt, performance.now());
      return true;
    };
    const first = await runCli(streamArgs(out), { anchor: { ready: firstWrite, delayMs: 600_000 } });
    expect(first.code, first.stderr).toBe(0);
    const startupMs = Math.min(first.ms, firstWriteAt - spawnedAt);
    const workMs = Math.max(300, first.ms - startupMs);
    let kills = 0;
    let finishedByChance = 0;
    let removedAtRestart = 0;
    const started = performance.now();
    while (kills < KILLS) {
      await produce(POSTS_PER_ROUND);
      // Most kills land while the job writes (after its first checkpoint of the round), some during start-up.
      const since = Date.now();
      const run =
        prng.nextFloat() < 0.85
          ? await runCli(streamArgs(out), {
              anchor: { ready: () => checkpointTime(out) >= since, delayMs: prng.nextFloat() * workMs * 1.1 },
            })
          : await runCli(streamArgs(out), { killAfterMs: startupMs * prng.nextFloat() });
      if (run.killed) kills += 1;
      else {
        expect(run.code, run.stderr).toBe(0);
        finishedByChance += 1;
      }
      const state = await checkStreamOutput(out, streams);
      removedAtRestart += state.uncommitted;
      for (const table of TABLES) {
        const inds = state.inds[table] ?? [];
        expect(inds.length - new Set(inds).size, `${table}: a committed record twice`).toBe(0);
      }
      expect(kills + finishedByChance).toBeLessThan(KILLS * 3);
    }
    const last = await runCli(streamArgs(out));
    expect(last.code, last.stderr).toBe(0);
    const final = await checkStreamOutput(out, streams);
    expect(final.uncommitted).toBe(0);

    // A consumer that was never killed, over the same streams, into its own folder.
    const reference = await runCli(streamArgs(join(root, "reference")));
    expect(reference.code, reference.stderr).toBe(0);
    const expected: StreamState = await checkStreamOutput(join(root, "reference"), streams);
    expect(final.windows).toEqual(expected.windows);

    for (const table of TABLES) {
      const outcome = compareIds(sent[table]!, final.inds[table] ?? []);
      expect(outcome, table).toEqual({
        sent: sent[table]!.length,
        written: sent[table]!.length,
        duplicates: 0,
        lost: 0,
      });
      expect([...(final.rejected[table] ?? [])].sort(), table).toEqual([...sentBad[table]!].sort());
      addRecordOutcome({
        ...outcome,
        sent: outcome.sent + sentBad[table]!.length,
        rejected: final.rejected[table]?.length ?? 0,
      });
    }
    addCounts("crashes survived", {
      "pinpipe stream (SIGKILL)": kills,
      "stream: uncommitted objects seen after kills": removedAtRestart,
    });
    recordPeak("elapsed (s)", "stream crash loop", (performance.now() - started) / 1000);
    // 50 kill-and-restart cycles of a child process: ~8 min on a quiet machine, twice that under load.
  }, 1_800_000);
});
