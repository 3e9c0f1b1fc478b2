import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrng, generatePostLines, writeKafkaConnectLayout } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BatchRunState, checkBatchOutput } from "../support/checkBatchOutput";
import { addRecordOutcome } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

/** Kills per test run; override with PINPIPE_CRASH_KILLS for a longer soak. */
const KILLS = Number(process.env.PINPIPE_CRASH_KILLS ?? 50);
const SEED = 20_261_123;
const TABLES = ["pin", "geo", "user"] as const;
const RUN_IDS = ["crash-a", "crash-b", "crash-c"];
/** Lines no cleaner can keep, so rejected files are not empty. */
const BAD_LINES = ['{"index": "seven", "title": "bad key"}', "not json at all", '{"title": "no key"}'];

describe("pinpipe batch killed with SIGKILL at random points", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-batch-crash-"));
  const input = join(root, "raw");
  const out = join(root, "out");
  const sentLines: Record<string, number> = {};
  let reference: BatchRunState;
  let fullMs = 0;
  let readLineMs = 0;

  beforeAll(async () => {
    const lines: Record<string, string[]> = { pin: [], geo: [], user: [] };
    for (const post of generatePostLines({ seed: SEED, count: 160, dirty: 0.1, duplicates: 0.1 })) {
      for (const table of TABLES) lines[table]!.push(post[table]);
    }
    for (const table of TABLES) {
      lines[table]!.splice(17, 0, ...BAD_LINES);
      sentLines[table] = lines[table]!.length;
      await writeKafkaConnectLayout(input, "crash", table, lines[table]!, {
        partitions: 2,
        recordsPerObject: 15,
        serialized: true,
      });
    }
    // A run nobody kills: the expected output, and how long a run takes. Every run deduplicates
    // (--dedupe; batch keeps duplicates by default), so the sent duplicates are dropped.
    const run = await runCli([
      "batch",
      "--source",
      input,
      "--out",
      join(root, "reference"),
      "--run-id",
      "reference",
      "--dedupe",
    ]);
    expect(run.code, run.stderr).toBe(0);
    fullMs = run.ms;
    readLineMs = run.firstOutputMs ?? run.ms / 2;
    [reference] = (await checkBatchOutput(join(root, "reference"))) as [BatchRunState];
    expect(reference.finished).toBe(true);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Fifty kills and restarts of a CLI that takes seconds to start: minutes, more on a busy machine.
  it(`survives ${KILLS} kills: every finished run is whole, unfinished ones are ignorable, the last runs match an uninterrupted one`, async () => {
    const prng = createPrng(SEED);
    let kills = 0;
    let finishedByChance = 0;
    let checks = 0;
    const started = performance.now();
    // Kills land mostly after the read (clearing, writing tables, results, manifest), some during start-up and reading.
    while (kills < KILLS) {
      const runId = RUN_IDS[prng.nextInt(RUN_IDS.length)]!;
      const duringWrites = prng.nextFloat() < 0.8;
      const delayMs = duringWrites
        ? prng.nextFloat() * Math.max(200, (fullMs - readLineMs) * 1.2)
        : readLineMs * (0.5 + 0.5 * prng.nextFloat());
      const run = await runCli(
        ["batch", "--source", input, "--out", out, "--run-id", runId, "--dedupe"],
        duringWrites ? { anchor: { pattern: /read pin/, delayMs } } : { killAfterMs: delayMs },
      );
      if (run.killed) kills += 1;
      else {
        expect(run.code, run.stderr).toBe(0);
        finishedByChance += 1;
      }
      const states = await checkBatchOutput(out);
      checks += 1;
      for (const state of states.filter((s) => s.finished)) {
        // A finished run, even one left behind by a later killed re-run, is the reference run.
        expect(state.hashes, state.runId).toEqual(reference.hashes);
      }
      expect(kills + finishedByChance).toBeLessThan(KILLS * 3);
    }
    // Restart every run id to completion: same bytes as the run that was never interrupted.
    for (const runId of RUN_IDS) {
      const run = await runCli(["batch", "--source", input, "--out", out, "--run-id", runId, "--dedupe"]);
      expect(run.code, run.stderr).toBe(0);
    }
    const states = await checkBatchOutput(out);
    expect(states.map((state) => [state.runId, state.finished])).toEqual(RUN_IDS.map((id) => [id, true]));
    for (const state of states) {
      expect(state.hashes).toEqual(reference.hashes);
      expect((state.manifest as { counts: unknown }).counts).toEqual(
        (reference.manifest as { counts: unknown }).counts,
      );
    }
    addCounts("crashes survived", {
      "pinpipe batch (SIGKILL)": kills,
      "pinpipe batch output checks": checks,
    });
    recordPeak("elapsed (s)", "batch crash loop", (performance.now() - started) / 1000);

    // Every line sent is accounted for once: a row, a rejected line or a dropped exact duplicate.
    const counts = (reference.manifest as { counts: Record<string, { in: number; duplicates: number }> })
      .counts;
    for (const table of TABLES) {
      const final = states[0]!;
      const rows = final.rows[table] ?? 0;
      const rejected = final.rejected[table] ?? 0;
      const duplicates = counts[table]!.duplicates;
      const inds = final.inds[table] ?? [];
      const repeated = inds.length - new Set(inds).size;
      expect(counts[table]!.in).toBe(sentLines[table]);
      expect(rejected).toBeGreaterThanOrEqual(BAD_LINES.length);
      expect(repeated, `${table}: an ind written twice`).toBe(0);
      const lost = sentLines[table]! - rows - rejected - duplicates;
      expect(lost, `${table}: lines neither written, rejected nor dropped as duplicates`).toBe(0);
      addRecordOutcome({ sent: sentLines[table]!, written: rows, rejected, duplicates: repeated, lost });
      addCounts("records", { "exact duplicates dropped by dedupe": duplicates });
    }
    // 50 kill-and-restart cycles of a child process: ~8 min on a quiet machine, twice that under load.
  }, 1_800_000);
});
