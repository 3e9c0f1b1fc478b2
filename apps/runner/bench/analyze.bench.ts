import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { BENCH_REPO_ROOT, benchSettings, prepareBench } from "./benchSetup";
import { type Measurement, measureProcess } from "./measureProcess";

/**
 * `pnpm bench` for `pinpipe analyze`: raw NDJSON of PINPIPE_BENCH_POSTS posts (default 1,000,000;
 * `--quick` or PINPIPE_BENCH_QUICK=1: 100,000) → clean → the eight queries, timed against DuckDB
 * (read_ndjson + SQL cleaning + querySql) on the same files in the same run, each in its own
 * process, PINPIPE_BENCH_ROUNDS rounds (default 3, alternating who goes first). Prints the median
 * wall time and peak RSS of each, the ratio, and whether the two give the same results.
 * PINPIPE_BENCH_DEDUPE=1 runs both with deduplication.
 */
const repoRoot = BENCH_REPO_ROOT;
const { posts, rounds, dedupe } = benchSettings();
const log = (line: string) => process.stdout.write(`${line}\n`);
const { dataset, runner: duckdbRunnerFile } = await prepareBench(posts, "duckdbAnalyze", log);

const filesJson = join(dataset.dir, "files.json");
writeFileSync(filesJson, JSON.stringify(dataset.files));
const duckdb = () =>
  measureProcess(process.execPath, [duckdbRunnerFile, filesJson, ...(dedupe ? ["--dedupe"] : [])], repoRoot);
const pinpipe = () =>
  measureProcess(
    process.execPath,
    [
      "apps/runner/dist/cli.js",
      "analyze",
      join(dataset.dir, "ndjson"),
      "--json",
      ...(dedupe ? ["--dedupe"] : []),
    ],
    repoRoot,
  );

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

log(
  `pinpipe analyze vs DuckDB: ${posts.toLocaleString("en-US")} posts, ${(dataset.bytes / 1e6).toFixed(1)} MB of NDJSON in ${
    dataset.files.pin.length * 3
  } files, ${rounds} rounds, ${availableParallelism()} cores, node ${process.version}${dedupe ? ", --dedupe" : ""}`,
);
const runs: { duckdb: Measurement; pinpipe: Measurement }[] = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate who goes first, so neither always meets a warm or a cold page cache.
  const first = round % 2 === 1 ? await duckdb() : await pinpipe();
  const second = round % 2 === 1 ? await pinpipe() : await duckdb();
  const run = round % 2 === 1 ? { duckdb: first, pinpipe: second } : { duckdb: second, pinpipe: first };
  runs.push(run);
  const inEngine = (JSON.parse(run.duckdb.stdout) as { seconds: number }).seconds;
  log(
    `round ${round}: DuckDB ${run.duckdb.seconds.toFixed(2)} s (${inEngine.toFixed(2)} s in engine, ${run.duckdb.cpuSeconds.toFixed(1)} s CPU), ${gb(run.duckdb.peakRss)}` +
      ` | pinpipe analyze ${run.pinpipe.seconds.toFixed(2)} s (${run.pinpipe.cpuSeconds.toFixed(1)} s CPU), ${gb(run.pinpipe.peakRss)}`,
  );
}

const duckdbSeconds = median(runs.map((r) => r.duckdb.seconds));
const pinpipeSeconds = median(runs.map((r) => r.pinpipe.seconds));
const cpu = (values: number[]) => `${median(values).toFixed(1)} s CPU`;
log(
  `median DuckDB:          ${duckdbSeconds.toFixed(2)} s wall, ${cpu(runs.map((r) => r.duckdb.cpuSeconds))}, peak RSS ${gb(median(runs.map((r) => r.duckdb.peakRss)))}`,
);
log(
  `median pinpipe analyze: ${pinpipeSeconds.toFixed(2)} s wall, ${cpu(runs.map((r) => r.pinpipe.cpuSeconds))}, peak RSS ${gb(median(runs.map((r) => r.pinpipe.peakRss)))}`,
);
log(
  `ratio: pinpipe analyze is ${(duckdbSeconds / pinpipeSeconds).toFixed(2)}x DuckDB's speed (DuckDB time / pinpipe time)`,
);

const expected = (JSON.parse(runs[0]!.duckdb.stdout) as { results: Record<string, unknown[]> }).results;
const actual = JSON.parse(runs[0]!.pinpipe.stdout) as Record<string, unknown[]>;
const differing = Object.keys(expected).filter((name) => !isDeepStrictEqual(actual[name], expected[name]));
if (differing.length === 0) {
  log("results: MATCH (all nine results equal DuckDB's)");
} else {
  log(`results: MISMATCH in ${differing.join(", ")}`);
  for (const name of differing) {
    const rows = actual[name] ?? [];
    const want = expected[name] ?? [];
    const at = rows.findIndex((row, i) => !isDeepStrictEqual(row, want[i]));
    log(`  ${name}: ${rows.length} rows vs DuckDB ${want.length}; first difference at row ${at}:`);
    log(`    pinpipe ${JSON.stringify(rows[at])}`);
    log(`    DuckDB  ${JSON.stringify(want[at])}`);
  }
  process.exitCode = 1;
}
log(`pinpipe analyze's accounting (round 1):\n${runs[0]!.pinpipe.stderr.trimEnd()}`);
