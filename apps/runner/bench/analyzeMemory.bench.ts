import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, freemem, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Measurement, measureProcess } from "./measureProcess";
import { writeSlicedBenchDataset } from "./writeSlicedBenchDataset";

/**
 * `pnpm bench:memory`: how `pinpipe analyze --json`'s peak memory grows with its input. Runs the
 * built CLI once per size in PINPIPE_BENCH_MEMORY_POSTS (default "1000000,3000000,10000000"; each
 * a multiple of PINPIPE_BENCH_SLICE_POSTS, default 1,000,000) on datasets made of cached slices of
 * the main bench's generated NDJSON, and prints posts, input bytes, wall and CPU time, peak RSS,
 * and the RSS growth per post beyond the smallest size, beside the input bytes per post and the
 * bytes per row of the merged columns the joins run on. Growth far below the input per post means
 * no memory in proportion to the input bytes; what grows is the join state: those columns (grown
 * by a quarter at a time once large, so up to a quarter of slack), and what the queries build over
 * them, held one join at a time (runQueries drops each of QueryContext's row pairs, grouping keys
 * and follower counts after the last query reading it): at the peak, in q3, pin ⋈ geo's row pairs,
 * country and poster keys, follower counts and q3's grouping, plus the transient join index.
 * PINPIPE_BENCH_DUCKDB=1 also runs DuckDB (the main bench's runner, from sources) on each size.
 * PINPIPE_BENCH_MEMORY_COMMAND=batch measures `pinpipe batch` instead (into a temporary folder,
 * removed after each size): its memory is bounded by the same merged columns plus the Parquet
 * files it holds open (at most 32 MiB) and the rows waiting for a row group (16 MiB).
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const slicePosts = Number(process.env.PINPIPE_BENCH_SLICE_POSTS ?? 1_000_000);
const sizes = (process.env.PINPIPE_BENCH_MEMORY_POSTS ?? "1000000,3000000,10000000")
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);
const withDuckdb = process.env.PINPIPE_BENCH_DUCKDB === "1";
const command = process.env.PINPIPE_BENCH_MEMORY_COMMAND ?? "analyze";
if (command !== "analyze" && command !== "batch") {
  throw new Error("PINPIPE_BENCH_MEMORY_COMMAND must be analyze or batch");
}
const log = (line: string) => process.stdout.write(`${line}\n`);

if (!Number.isSafeInteger(slicePosts) || slicePosts < 1) {
  throw new Error("PINPIPE_BENCH_SLICE_POSTS must be a positive integer");
}
if (sizes.length === 0 || !sizes.every((n) => Number.isSafeInteger(n) && n > 0 && n % slicePosts === 0)) {
  throw new Error("PINPIPE_BENCH_MEMORY_POSTS must list positive multiples of PINPIPE_BENCH_SLICE_POSTS");
}

/**
 * Bytes per clean row held by ColumnarMerger's columns (what the joins run on): pin ind and
 * follower count as float64 + poster and category ids as int32; geo ind and timestamp float64 +
 * country id int32; user ind, age and join date float64.
 */
const COLUMN_BYTES = { pin: 8 + 8 + 4 + 4, geo: 8 + 8 + 4, user: 8 + 8 + 8 } as const;

/** Clean rows per table from the accounting table analyze prints, or batch's table lines, on stderr. */
function cleanRows(stderr: string): { pin: number; geo: number; user: number } {
  const row = (table: string) => {
    const pattern =
      command === "batch"
        ? `^pinpipe batch: ${table}: ([\\d,]+) rows`
        : `^\\s*${table}\\s+[\\d,]+\\s+([\\d,]+)`;
    const match = new RegExp(pattern, "m").exec(stderr);
    if (match === null) throw new Error(`no ${table} row in analyze's accounting:\n${stderr}`);
    return Number(match[1]!.replaceAll(",", ""));
  };
  return { pin: row("pin"), geo: row("geo"), user: row("user") };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

log("building the CLI (node scripts/pnpm.mjs --filter @pinpipe/runner build)…");
execFileSync(process.execPath, ["scripts/pnpm.mjs", "--filter", "@pinpipe/runner", "build"], {
  cwd: repoRoot,
  stdio: "ignore",
});
const spec = {
  posts: slicePosts,
  seed: 1,
  dirty: 0.01,
  duplicates: 0.01,
  brokenEvery: 50_000,
  filesPerTable: 4,
};

interface Row {
  readonly posts: number;
  readonly bytes: number;
  readonly pinpipe: Measurement;
  readonly columnBytes: number;
  readonly duckdb: Measurement | undefined;
}
const rows: Row[] = [];
log(
  `pinpipe ${command} memory scaling: ${sizes.map((n) => n.toLocaleString("en-US")).join(", ")} posts (slices of ${slicePosts.toLocaleString("en-US")}), ${availableParallelism()} cores, node ${process.version}`,
);
for (const posts of sizes) {
  const dataset = writeSlicedBenchDataset(join(repoRoot, ".bench"), spec, posts / slicePosts, log);
  log(
    `${posts.toLocaleString("en-US")} posts: running pinpipe ${command} (load ${load()}, ${mb(freemem())} free)…`,
  );
  const out = mkdtempSync(join(tmpdir(), "pinpipe-memory-bench-"));
  const args =
    command === "batch"
      ? ["batch", "--source", join(dataset.dir, "ndjson"), "--out", out, "--run-id", "memory"]
      : ["analyze", join(dataset.dir, "ndjson"), "--json"];
  const pinpipe = await measureProcess(process.execPath, ["apps/runner/dist/cli.js", ...args], repoRoot);
  rmSync(out, { recursive: true, force: true });
  const clean = cleanRows(pinpipe.stderr);
  const columnBytes =
    clean.pin * COLUMN_BYTES.pin + clean.geo * COLUMN_BYTES.geo + clean.user * COLUMN_BYTES.user;
  let duckdb: Measurement | undefined;
  if (withDuckdb) {
    log(`${posts.toLocaleString("en-US")} posts: running DuckDB (load ${load()}, ${mb(freemem())} free)…`);
    duckdb = await measureProcess(
      process.execPath,
      [
        "--conditions=@pinpipe/source",
        "--import",
        "tsx",
        "apps/runner/bench/duckdbAnalyze.ts",
        join(dataset.dir, "files.json"),
      ],
      repoRoot,
    );
  }
  rows.push({ posts, bytes: dataset.bytes, pinpipe, columnBytes, duckdb });
  const last = rows.at(-1)!;
  log(
    `  pinpipe ${command}: ${pinpipe.seconds.toFixed(2)} s wall, ${pinpipe.cpuSeconds.toFixed(1)} s CPU, peak RSS ${mb(pinpipe.peakRss)}; merged columns ${mb(last.columnBytes)}` +
      (duckdb === undefined
        ? ""
        : ` | DuckDB: ${duckdb.seconds.toFixed(2)} s wall, ${duckdb.cpuSeconds.toFixed(1)} s CPU, peak RSS ${mb(duckdb.peakRss)}`),
  );
}

const base = rows[0]!;
const perPost = (bytes: number, posts: number) => (posts === 0 ? "—" : `${(bytes / posts).toFixed(0)} B`);
log("");
log(`load average at the end: ${load()}`);
log(
  "posts        input      in/post  wall      peak RSS  RSS growth/post  columns/post" +
    (withDuckdb ? "  DuckDB wall  DuckDB RSS" : ""),
);
for (const row of rows) {
  const extra = row.posts - base.posts;
  log(
    [
      row.posts.toLocaleString("en-US").padEnd(11),
      mb(row.bytes).padStart(8),
      perPost(row.bytes, row.posts).padStart(9),
      `${row.pinpipe.seconds.toFixed(1)} s`.padStart(8),
      mb(row.pinpipe.peakRss).padStart(10),
      perPost(row.pinpipe.peakRss - base.pinpipe.peakRss, extra).padStart(16),
      perPost(row.columnBytes, row.posts).padStart(13),
      ...(row.duckdb === undefined
        ? []
        : [`${row.duckdb.seconds.toFixed(1)} s`.padStart(12), mb(row.duckdb.peakRss).padStart(11)]),
    ].join("  "),
  );
}
log(
  `RSS growth/post: (peak RSS − ${mb(base.pinpipe.peakRss)}) / (posts − ${base.posts.toLocaleString("en-US")}); ` +
    "columns/post: bytes of the merged columns per post, before their growth slack",
);
