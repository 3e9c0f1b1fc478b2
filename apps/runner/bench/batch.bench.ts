import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { QUERY_NAMES } from "@pinpipe/analytics";
import { BENCH_REPO_ROOT, benchSettings, prepareBench } from "./benchSetup";
import { type Measurement, measureProcess } from "./measureProcess";

/**
 * `pnpm bench` for `pinpipe batch`: raw NDJSON of PINPIPE_BENCH_POSTS posts (default 1,000,000;
 * `--quick` or PINPIPE_BENCH_QUICK=1: 100,000; the analyze bench's dataset, shared with it) →
 * `pinpipe batch --source <dir> --out <tmp> --run-id bench` (clean Parquet tables partitioned by
 * category / post_year / join_year, rejected records, the results as JSON and CSV, a manifest),
 * timed against DuckDB doing the same job on the same files in the same run (`duckdbBatch.ts`:
 * read_ndjson + the analyze bench's cleaning SQL, one `COPY … (FORMAT parquet, PARTITION_BY …)`
 * per table, the nine `querySql` results as JSON; no rejected records), each in its own process,
 * PINPIPE_BENCH_ROUNDS rounds (default 3, alternating who goes first). Prints, per round and as
 * medians, the wall time and peak RSS of each and the ratio pinpipe / DuckDB wall time (≤ 1.0:
 * pinpipe is faster); whether the nine results are equal (pinpipe's `results/<q>.json` against
 * DuckDB's) and the clean rows each wrote per table. PINPIPE_BENCH_DEDUPE=1 runs pinpipe with
 * `--dedupe` and DuckDB with `SELECT DISTINCT`, else pinpipe runs with `--no-dedupe`. Outputs are
 * deleted after each round. Timings and differences never fail the bench; a failing process does.
 */
const repoRoot = BENCH_REPO_ROOT;
const { posts, rounds, dedupe } = benchSettings();
const log = (line: string) => process.stdout.write(`${line}\n`);
const TABLES = ["pin", "geo", "user"] as const;
type Table = (typeof TABLES)[number];
const { dataset, runner: duckdbRunnerFile } = await prepareBench(posts, "duckdbBatch", log);

const scratch = mkdtempSync(join(tmpdir(), "pinpipe-batch-bench-"));
const filesJson = join(scratch, "files.json");
writeFileSync(filesJson, JSON.stringify(dataset.files));

const duckdb = (out: string) =>
  measureProcess(
    process.execPath,
    [duckdbRunnerFile, filesJson, out, ...(dedupe ? ["--dedupe"] : [])],
    repoRoot,
  );
const pinpipe = (out: string) =>
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
      dedupe ? "--dedupe" : "--no-dedupe",
    ],
    repoRoot,
  );

interface Round {
  readonly first: "pinpipe" | "DuckDB";
  readonly pinpipe: Measurement;
  readonly duckdb: Measurement;
  /** "MATCH" or the differences, one line each. */
  readonly results: string[];
  readonly pinpipeRows: Record<Table, number>;
  readonly duckdbRows: Record<Table, number>;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** MATCH, or per differing result its row counts and first differing row. */
function compareResults(pinpipeResults: string, duckdbResults: string): string[] {
  const lines: string[] = [];
  for (const name of QUERY_NAMES) {
    const file = `${name}.json`;
    const mine = join(pinpipeResults, file);
    const theirs = join(duckdbResults, file);
    if (!existsSync(mine) || !existsSync(theirs)) {
      lines.push(`${name}: missing ${existsSync(mine) ? `DuckDB's ${theirs}` : `pinpipe's ${mine}`}`);
      continue;
    }
    const rows = readJson(mine) as unknown[];
    const want = readJson(theirs) as unknown[];
    if (isDeepStrictEqual(rows, want)) continue;
    let at = rows.findIndex((row, i) => !isDeepStrictEqual(row, want[i]));
    if (at === -1) at = rows.length;
    lines.push(`${name}: ${rows.length} rows vs DuckDB ${want.length}; first difference at row ${at}:`);
    lines.push(`  pinpipe ${JSON.stringify(rows[at])}`);
    lines.push(`  DuckDB  ${JSON.stringify(want[at])}`);
  }
  return lines.length === 0 ? ["MATCH (all nine results equal DuckDB's)"] : lines;
}

async function runRound(round: number): Promise<Round> {
  const dir = join(scratch, `round-${round}`);
  const pinpipeOut = join(dir, "pinpipe");
  const duckdbOut = join(dir, "duckdb");
  try {
    // Alternate who goes first, so neither always meets a warm or a cold page cache.
    const first = round % 2 === 1 ? "DuckDB" : "pinpipe";
    let duckdbRun: Measurement;
    let pinpipeRun: Measurement;
    if (first === "DuckDB") {
      duckdbRun = await duckdb(duckdbOut);
      pinpipeRun = await pinpipe(pinpipeOut);
    } else {
      pinpipeRun = await pinpipe(pinpipeOut);
      duckdbRun = await duckdb(duckdbOut);
    }
    const run = join(pinpipeOut, "runs", "bench");
    const manifest = readJson(join(run, "manifest.json")) as { counts: Record<Table, { clean: number }> };
    const copied = (JSON.parse(duckdbRun.stdout) as { counts: Record<Table, number> }).counts;
    return {
      first,
      pinpipe: pinpipeRun,
      duckdb: duckdbRun,
      results: compareResults(join(run, "results"), join(duckdbOut, "results")),
      pinpipeRows: {
        pin: manifest.counts.pin.clean,
        geo: manifest.counts.geo.clean,
        user: manifest.counts.user.clean,
      },
      duckdbRows: copied,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const cells = (values: readonly string[], widths: readonly number[]) =>
  values.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join("  ");
const WIDTHS = [7, 8, 10, 9, 11, 10, 9, 12, 11];
const HEADER = [
  "round",
  "first",
  "pinpipe s",
  "DuckDB s",
  "pinpipe/DB",
  "pp CPU s",
  "DB CPU s",
  "pp RSS MB",
  "DB RSS MB",
];
const row = (label: string, first: string, pp: Measurement, db: Measurement) =>
  cells(
    [
      label,
      first,
      pp.seconds.toFixed(2),
      db.seconds.toFixed(2),
      (pp.seconds / db.seconds).toFixed(2),
      pp.cpuSeconds.toFixed(1),
      db.cpuSeconds.toFixed(1),
      mb(pp.peakRss),
      mb(db.peakRss),
    ],
    WIDTHS,
  );

log(
  `pinpipe batch vs DuckDB (read_ndjson + clean SQL + COPY … PARTITION_BY + querySql): ${posts.toLocaleString("en-US")} posts, ${(
    dataset.bytes / 1e6
  ).toFixed(
    1,
  )} MB of NDJSON in ${dataset.files.pin.length * 3} files, ${rounds} rounds, ${availableParallelism()} cores, node ${process.version}, ${
    dedupe ? "--dedupe / SELECT DISTINCT" : "--no-dedupe"
  }`,
);
log(cells(HEADER, WIDTHS));
const runs: Round[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const run = await runRound(round);
    runs.push(run);
    log(row(String(round), run.first, run.pinpipe, run.duckdb));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const medianOf = (pick: (run: Round) => Measurement): Measurement => ({
  seconds: median(runs.map((run) => pick(run).seconds)),
  cpuSeconds: median(runs.map((run) => pick(run).cpuSeconds)),
  peakRss: median(runs.map((run) => pick(run).peakRss)),
  stdout: "",
  stderr: "",
});
log(
  row(
    "median",
    "",
    medianOf((run) => run.pinpipe),
    medianOf((run) => run.duckdb),
  ),
);
log("(pinpipe/DB: pinpipe wall time / DuckDB wall time; at most 1.00 means pinpipe is faster)");

log(`results (round 1): ${runs[0]!.results.join("\n  ")}`);
runs.slice(1).forEach((run, i) => {
  if (!isDeepStrictEqual(run.results, runs[0]!.results))
    log(`results (round ${i + 2}): ${run.results.join("\n  ")}`);
});
log("clean rows: pinpipe (manifest counts.clean) vs DuckDB (rows each COPY wrote):");
for (const table of TABLES) {
  const seen = new Set(runs.map((run) => `${run.pinpipeRows[table]}/${run.duckdbRows[table]}`));
  const { pinpipeRows, duckdbRows } = runs[0]!;
  const same =
    pinpipeRows[table] === duckdbRows[table]
      ? "equal"
      : `differ by ${pinpipeRows[table] - duckdbRows[table]}`;
  log(
    `  ${table.padEnd(4)} pinpipe ${pinpipeRows[table].toLocaleString("en-US").padStart(11)}  DuckDB ${duckdbRows[
      table
    ]
      .toLocaleString("en-US")
      .padStart(11)}  ${same}${seen.size > 1 ? ` (rounds differ: ${[...seen].join(", ")})` : ""}`,
  );
}
const summary = runs[0]!.pinpipe.stderr
  .split("\n")
  .filter((line) => line !== "" && !/^pinpipe batch: reading /.test(line));
log(`pinpipe batch's summary (round 1):\n${summary.join("\n")}`);
