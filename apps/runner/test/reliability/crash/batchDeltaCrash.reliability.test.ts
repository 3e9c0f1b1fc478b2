import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DeltaSnapshot, loadSnapshot, localDeltaStorage, RUN_ID_TAG, vacuumTable } from "@pinpipe/delta";
import { createPrng, generatePostLines, writeKafkaConnectLayout } from "@pinpipe/ingest";
import { peer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCounts } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

/** Kills per test run (at least 30); override with PINPIPE_DELTA_CRASH_KILLS for a longer soak. */
const KILLS = Number(process.env.PINPIPE_DELTA_CRASH_KILLS ?? 30);
const SEED = 20_261_207;
const TABLES = ["pin", "geo", "user"] as const;
const RUN_IDS = ["d-a", "d-b"];
const READER = fileURLToPath(
  new URL("../../../../../packages/delta/test/support/readDeltaTable.py", import.meta.url),
);

const rowsOf = (snapshot: DeltaSnapshot, runId: string) =>
  [...snapshot.files.values()]
    .filter((add) => add.tags?.[RUN_ID_TAG] === runId)
    .reduce((sum, add) => sum + (JSON.parse(add.stats!) as { numRecords: number }).numRecords, 0);

describe("pinpipe batch --format delta killed with SIGKILL at random points", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-delta-crash-"));
  const input = join(root, "raw");
  const out = join(root, "out");
  let clean: Record<string, number>;
  let fullMs = 0;
  let readLineMs = 0;

  beforeAll(async () => {
    const lines: Record<string, string[]> = { pin: [], geo: [], user: [] };
    for (const post of generatePostLines({ seed: SEED, count: 150, dirty: 0.1, duplicates: 0.05 })) {
      for (const table of TABLES) lines[table]!.push(post[table]);
    }
    for (const table of TABLES) {
      await writeKafkaConnectLayout(input, "crash", table, lines[table]!, {
        partitions: 2,
        recordsPerObject: 15,
        serialized: true,
      });
    }
    const run = await runCli([
      "batch",
      "--source",
      input,
      "--out",
      join(root, "reference"),
      "--run-id",
      "ref",
    ]);
    expect(run.code, run.stderr).toBe(0);
    fullMs = run.ms;
    readLineMs = run.firstOutputMs ?? run.ms / 2;
    const manifest = JSON.parse(readFileSync(join(root, "reference/runs/ref/manifest.json"), "utf8")) as {
      counts: Record<string, { clean: number }>;
    };
    clean = Object.fromEntries(TABLES.map((table) => [table, manifest.counts[table]!.clean]));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const table = (name: string) => localDeltaStorage(join(out, "tables", `pinpipe_${name}_table`));

  it(`survives ${KILLS} kills: each table holds every run once or not at all, and the log always reads`, async () => {
    const prng = createPrng(SEED);
    let kills = 0;
    let checks = 0;
    while (kills < KILLS) {
      const runId = RUN_IDS[prng.nextInt(RUN_IDS.length)]!;
      // Most kills after the read: while the run folder, the manifest and the Delta commits are written.
      const delayMs = prng.nextFloat() * Math.max(300, (fullMs - readLineMs) * 1.3);
      const run = await runCli(["batch", "--source", input, "--out", out, "--run-id", runId], {
        anchor: { pattern: /read pin/, delayMs },
      });
      if (run.killed) kills += 1;
      else expect(run.code, run.stderr).toBe(0);
      for (const name of TABLES) {
        if (!existsSync(join(out, "tables", `pinpipe_${name}_table`, "_delta_log"))) continue;
        const snapshot = await loadSnapshot(table(name));
        if (snapshot === null) continue;
        checks += 1;
        for (const id of RUN_IDS) expect([0, clean[name]], `${name} ${id}`).toContain(rowsOf(snapshot, id));
        for (const path of snapshot.files.keys()) {
          expect(existsSync(join(out, "tables", `pinpipe_${name}_table`, path)), path).toBe(true);
        }
      }
      expect(kills).toBeLessThanOrEqual(KILLS);
    }
    for (const runId of RUN_IDS) {
      const run = await runCli(["batch", "--source", input, "--out", out, "--run-id", runId]);
      expect(run.code, run.stderr).toBe(0);
    }
    const deltalake = peer("deltalake");
    for (const name of TABLES) {
      const snapshot = (await loadSnapshot(table(name)))!;
      for (const id of RUN_IDS) expect(rowsOf(snapshot, id), `${name} ${id}`).toBe(clean[name]);
      // Files of killed attempts are never referenced, and vacuum takes them away.
      const { deleted } = await vacuumTable(table(name), { retentionMs: 0 });
      const after = (await loadSnapshot(table(name)))!;
      expect(after.files.size).toBe(snapshot.files.size);
      addCounts("crashes survived", { [`unreferenced Delta files vacuumed (${name})`]: deleted.length });
      if (deltalake.ready) {
        const read = spawnSync(deltalake.python!, [READER, join(out, "tables", `pinpipe_${name}_table`)], {
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        });
        expect(read.status, read.stderr).toBe(0);
        expect((JSON.parse(read.stdout) as { rows: unknown[] }).rows).toHaveLength(
          RUN_IDS.length * clean[name]!,
        );
      }
    }
    addCounts("crashes survived", {
      "pinpipe batch --format delta (SIGKILL)": kills,
      "Delta table checks after a kill": checks,
    });
  }, 1_800_000);
});
