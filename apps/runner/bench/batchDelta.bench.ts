import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_REPO_ROOT, benchSettings } from "./benchSetup";
import { type Measurement, measureProcess } from "./measureProcess";
import { writeBenchDataset } from "./writeBenchDataset";

/**
 * `pnpm bench` for the cost of Delta tables: `pinpipe batch --format delta` (the run folder, then
 * one commit per table: hard links of its Parquet files, their footers read for stats, the log
 * written) against `--format parquet` (the run folder only) on the same raw NDJSON of
 * PINPIPE_BENCH_POSTS posts (default 1,000,000; `--quick`: 100,000; the analyze bench's cached
 * dataset), each in its own process, PINPIPE_BENCH_ROUNDS rounds (default 3) alternating which
 * format goes first, in the same run. Prints per round and as medians the wall time of each and the
 * ratio delta / parquet; the target is at most 1.10 (Delta costs ≤ 10%). Outputs are deleted after
 * each round. Timings never fail the bench; a failing process does.
 */
const { posts, rounds } = benchSettings();
const log = (line: string) => process.stdout.write(`${line}\n`);
const dataset = writeBenchDataset(
  join(BENCH_REPO_ROOT, ".bench", `analyze-${posts}`),
  { posts, seed: 1, dirty: 0.01, duplicates: 0.01, brokenEvery: 50_000, filesPerTable: 4 },
  log,
);
log("building the CLI (node scripts/pnpm.mjs --filter @pinpipe/runner build)…");
execFileSync(process.execPath, ["scripts/pnpm.mjs", "--filter", "@pinpipe/runner", "build"], {
  cwd: BENCH_REPO_ROOT,
  stdio: "ignore",
});

const scratch = mkdtempSync(join(tmpdir(), "pinpipe-batch-delta-bench-"));
const batch = (format: "delta" | "parquet", out: string): Promise<Measurement> =>
  measureProcess(
    process.execPath,
    [
      "apps/runner/dist/cli.js",
      "batch",
      "--source",
      join(dataset.dir, "ndjson"),
      "--out",
      out,
      "--run-id",
      "bench",
      "--format",
      format,
    ],
    BENCH_REPO_ROOT,
  );

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const cells = (values: readonly string[]) =>
  values.map((value, i) => (i === 0 ? value.padEnd(7) : value.padStart(10))).join("  ");

log(
  `pinpipe batch --format delta vs --format parquet: ${posts.toLocaleString("en-US")} posts, ${(dataset.bytes / 1e6).toFixed(1)} MB of NDJSON, ${rounds} rounds, ${availableParallelism()} cores, node ${process.version}`,
);
log(cells(["round", "first", "delta s", "parquet s", "delta/pq", "delta MB", "parquet MB"]));
const ratios: number[] = [];
const deltaSeconds: number[] = [];
const parquetSeconds: number[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const dir = join(scratch, `round-${round}`);
    try {
      // Alternate who goes first, so neither always meets a warm or a cold page cache.
      const first = round % 2 === 1 ? "delta" : "parquet";
      let delta: Measurement;
      let parquet: Measurement;
      if (first === "delta") {
        delta = await batch("delta", join(dir, "delta"));
        parquet = await batch("parquet", join(dir, "parquet"));
      } else {
        parquet = await batch("parquet", join(dir, "parquet"));
        delta = await batch("delta", join(dir, "delta"));
      }
      ratios.push(delta.seconds / parquet.seconds);
      deltaSeconds.push(delta.seconds);
      parquetSeconds.push(parquet.seconds);
      log(
        cells([
          String(round),
          first,
          delta.seconds.toFixed(2),
          parquet.seconds.toFixed(2),
          (delta.seconds / parquet.seconds).toFixed(3),
          (delta.peakRss / 1e6).toFixed(0),
          (parquet.peakRss / 1e6).toFixed(0),
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const ratio = median(ratios);
log(
  cells([
    "median",
    "",
    median(deltaSeconds).toFixed(2),
    median(parquetSeconds).toFixed(2),
    ratio.toFixed(3),
    "",
    "",
  ]),
);
log(
  `Delta overhead: ${((ratio - 1) * 100).toFixed(1)}% of batch wall time (median of the per-round ratios; target ≤ 10%)`,
);
