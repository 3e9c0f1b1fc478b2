import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { QUERY_NAMES } from "@pinpipe/analytics";
import { BENCH_REPO_ROOT, benchSettings, prepareBench } from "./benchSetup";
import { type Measurement, measureProcess } from "./measureProcess";

/**
 * `pnpm bench` for the Spark job: `pinpipe batch` against `spark/pinpipe_job.py` in local mode
 * (`local[2]`, Delta tables both) on the same PINPIPE_BENCH_POSTS posts (default 1,000,000; the
 * analyze bench's NDJSON dataset), PINPIPE_BENCH_ROUNDS rounds alternating who goes first. Prints
 * per round and as medians each side's wall time, CPU time and peak RSS, and the ratio Spark /
 * pinpipe; whether the nine result files are byte for byte equal. Spark's peak RSS is the largest
 * sum of resident memory over the Python driver and every process it started (the JVM), sampled
 * every 100 ms; pinpipe's is one process's. Needs the `spark` and `spark-delta` peers (`node
 * scripts/peers.mjs install spark spark-delta`); without them it says so and stops.
 */
const repoRoot = BENCH_REPO_ROOT;
const { posts, rounds, dedupe } = benchSettings();
const log = (line: string) => process.stdout.write(`${line}\n`);

const readyJson = (name: string): { python?: string; home: string } | null => {
  const path = join(repoRoot, ".peers", name, "ready.json");
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, "utf8")) as { python?: string; home: string })
    : null;
};
const sparkPeer = readyJson("spark");
const deltaPeer = readyJson("spark-delta");
if (sparkPeer?.python === undefined || deltaPeer === null) {
  log(
    "spark bench: skipped, the spark and spark-delta peers are not installed (node scripts/peers.mjs install)",
  );
  process.exit(0);
}
const python = sparkPeer.python;
const deltaJars = join(deltaPeer.home, "libs");
// The bench's NDJSON files are 28–169 MB each and the job reads each file whole: Spark's default 1g
// heap, and the job's own 4g, run out on them (Kafka Connect objects are far smaller).
const driverMemory = process.env.PINPIPE_BENCH_SPARK_DRIVER_MEMORY ?? "12g";

const { dataset } = await prepareBench(posts, "duckdbBatch", log);
const source = join(dataset.dir, "ndjson");
const scratch = mkdtempSync(join(tmpdir(), "pinpipe-spark-bench-"));

/** Resident bytes of a process and all its descendants, from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // The process ended while it was listed.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs the Spark job to completion: wall time and the peak resident memory of its process tree. */
function sparkJob(out: string): Promise<Measurement> {
  const args = [
    join(repoRoot, "spark", "pinpipe_job.py"),
    "--source",
    source,
    "--out",
    out,
    "--master",
    "local[2]",
    "--delta-jars",
    deltaJars,
    "--driver-memory",
    driverMemory,
    ...(dedupe ? ["--dedupe"] : []),
  ];
  const child = spawn(python, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PYSPARK_PYTHON: python,
      SPARK_LOCAL_IP: "127.0.0.1",
      PYTHONDONTWRITEBYTECODE: "1",
    },
  });
  const started = performance.now();
  const err: Buffer[] = [];
  const out_: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out_.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, treeRss(child.pid ?? 0));
  }, 100);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0) reject(new Error(`the Spark job exited with ${code}:\n${stderr.slice(-3000)}`));
      else
        resolve({
          seconds,
          cpuSeconds: Number.NaN,
          peakRss: peak,
          stdout: Buffer.concat(out_).toString("utf8"),
          stderr,
        });
    });
  });
}

const pinpipe = (out: string) =>
  measureProcess(
    process.execPath,
    [
      "apps/runner/dist/cli.js",
      "batch",
      "--source",
      source,
      "--out",
      out,
      "--run-id",
      "bench",
      dedupe ? "--dedupe" : "--no-dedupe",
    ],
    repoRoot,
  );

/** The result files that differ between the two outputs (byte for byte). */
function differingResults(pinpipeOut: string, sparkOut: string): string[] {
  return QUERY_NAMES.filter((name) => {
    const mine = join(pinpipeOut, "runs", "bench", "results", `${name}.json`);
    const theirs = join(sparkOut, "results", `${name}.json`);
    return !existsSync(theirs) || readFileSync(mine, "utf8") !== readFileSync(theirs, "utf8");
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const WIDTHS = [7, 8, 10, 9, 13, 12, 12];
const cells = (values: readonly string[]) =>
  values.map((value, i) => (i === 0 ? value.padEnd(WIDTHS[i]!) : value.padStart(WIDTHS[i]!))).join("  ");
const row = (label: string, first: string, pp: Measurement, spark: Measurement) =>
  cells([
    label,
    first,
    pp.seconds.toFixed(2),
    spark.seconds.toFixed(2),
    (spark.seconds / pp.seconds).toFixed(2),
    mb(pp.peakRss),
    mb(spark.peakRss),
  ]);

log(
  `pinpipe batch vs spark/pinpipe_job.py (local[2], driver memory ${driverMemory}, Delta tables both): ${posts.toLocaleString("en-US")} posts, ${(
    dataset.bytes / 1e6
  ).toFixed(1)} MB of NDJSON, ${rounds} rounds, ${availableParallelism()} cores, ${
    dedupe ? "--dedupe" : "no dedupe"
  }`,
);
log(cells(["round", "first", "pinpipe s", "Spark s", "Spark/pinpipe", "pp RSS MB", "Spark RSS MB"]));
const runs: { pinpipe: Measurement; spark: Measurement; differing: string[] }[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const dir = join(scratch, `round-${round}`);
    const pinpipeOut = join(dir, "pinpipe");
    const sparkOut = join(dir, "spark");
    // Alternate who goes first, so neither always meets a warm or a cold page cache.
    const sparkFirst = round % 2 === 0;
    let pp: Measurement;
    let spark: Measurement;
    if (sparkFirst) {
      spark = await sparkJob(sparkOut);
      pp = await pinpipe(pinpipeOut);
    } else {
      pp = await pinpipe(pinpipeOut);
      spark = await sparkJob(sparkOut);
    }
    runs.push({ pinpipe: pp, spark, differing: differingResults(pinpipeOut, sparkOut) });
    rmSync(dir, { recursive: true, force: true });
    log(row(String(round), sparkFirst ? "Spark" : "pinpipe", pp, spark));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const medianOf = (pick: (run: (typeof runs)[number]) => Measurement): Measurement => ({
  seconds: median(runs.map((run) => pick(run).seconds)),
  cpuSeconds: Number.NaN,
  peakRss: median(runs.map((run) => pick(run).peakRss)),
  stdout: "",
  stderr: "",
});
log(
  row(
    "median",
    "",
    medianOf((run) => run.pinpipe),
    medianOf((run) => run.spark),
  ),
);
log("(Spark/pinpipe: the Spark job's wall time / pinpipe batch's; above 1.00 means pinpipe is faster)");
const differing = [...new Set(runs.flatMap((run) => run.differing))];
log(
  differing.length === 0
    ? "results: MATCH (the nine result files byte for byte equal in every round)"
    : `results: DIFFER in ${differing.join(", ")}`,
);
