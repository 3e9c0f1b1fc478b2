import { mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { CliError, type CommandContext, type CommandEntry } from "../command";
import { captureOutput } from "./captureOutput";

/** Settings of one demo run; see `pinpipe demo --help`. */
export interface DemoOptions {
  /** Output root; the demo replaces its `s3/`, `stream/` and `runs/demo/` folders. */
  readonly out: string;
  readonly posts: number;
  readonly seed: number;
  readonly shards: number;
}

/**
 * What the demo did, for its summary.
 *
 * @example
 * const summary: DemoSummary = { out: "/tmp/out", seconds: 9.5, batchCounts: {}, streamSummary: "", reportPath: "" };
 */
export interface DemoSummary {
  readonly out: string;
  readonly seconds: number;
  readonly batchCounts: Record<string, TableCounts>;
  readonly streamSummary: string;
  readonly reportPath: string;
}

export interface TableCounts {
  readonly in: number;
  readonly clean: number;
  readonly rejected: number;
  readonly duplicates: number;
}

const BUCKET = "pinpipe-raw";
const RUN_ID = "demo";

/**
 * Runs the whole pipeline against real local servers: starts S3 and Kinesis on free loopback ports,
 * emulates posts into both paths, runs the batch job, the stream job until idle and the report,
 * then stops the servers. Each step is the real `pinpipe` command, so the demo exercises exactly
 * what a user would run against AWS.
 *
 * @example
 * const summary = await runDemo({ out: "./pinpipe-out", posts: 3000, seed: 100, shards: 2 }, commands, context);
 * summary.reportPath; // ".../pinpipe-out/runs/demo/report.html"
 */
export async function runDemo(
  options: DemoOptions,
  commands: readonly CommandEntry[],
  context: CommandContext,
): Promise<DemoSummary> {
  const started = performance.now();
  const out = resolve(context.cwd, options.out);
  const say = (line: string): void => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
    context.stderr.write(`[${seconds}s] ${line}\n`);
  };
  const run = async (name: string, args: readonly string[]): Promise<string> => {
    const entry = commands.find((c) => c.name === name);
    if (entry === undefined) throw new Error(`the ${name} command is missing`);
    const command = await entry.load();
    const stdout = captureOutput();
    const code = await command.run(args, { ...context, stdout: stdout.stream });
    if (code !== 0) throw new CliError(`pinpipe demo: step "pinpipe ${name}" failed with exit code ${code}`);
    return stdout.text().trim();
  };

  // Earlier demo output would mix with this run's: a stream checkpoint names shards of servers
  // that no longer exist, and old raw objects would be read again.
  for (const folder of ["s3", "stream", join("runs", RUN_ID)]) {
    await rm(join(out, folder), { recursive: true, force: true });
  }
  await mkdir(join(out, "s3"), { recursive: true });

  say("starting local S3 (s3rver) and Kinesis (kinesalite) on 127.0.0.1");
  const [s3, kinesis] = await Promise.all([
    startLocalS3({ directory: join(out, "s3"), buckets: [BUCKET] }),
    startLocalKinesis(),
  ]);
  try {
    const common = ["--seed", String(options.seed), "--count", String(options.posts), "--sleep", "none"];
    say(`S3 ${s3.endpoint}, Kinesis ${kinesis.endpoint}`);
    say(`emulating ${options.posts} posts into S3 (Kafka Connect layout, s3://${BUCKET}/topics/)`);
    await run("emulate", ["--to", "s3", "--bucket", BUCKET, "--s3-endpoint", s3.endpoint, ...common]);
    say(`emulating the same posts into three Kinesis streams of ${options.shards} shards`);
    await run("emulate", [
      "--to",
      "kinesis",
      "--shards",
      String(options.shards),
      "--kinesis-endpoint",
      kinesis.endpoint,
      ...common,
    ]);

    say("batch job: S3 → clean → Parquet tables, rejected records, eight queries, manifest, Delta tables");
    await run("batch", [
      "--source",
      `s3://${BUCKET}/`,
      "--out",
      out,
      "--run-id",
      RUN_ID,
      "--s3-endpoint",
      s3.endpoint,
    ]);
    say("stream job: Kinesis → clean → Parquet micro-batches and windowed counts, until idle");
    // Parquet micro-batches: a demo rerun starts the stream afresh (its checkpoints are removed
    // above), which Delta tables holding the earlier run's micro-batches would refuse.
    const streamSummary = await run("stream", [
      "--format",
      "parquet",
      "--out",
      out,
      "--until-idle",
      "2",
      "--poll-ms",
      "200",
      "--kinesis-endpoint",
      kinesis.endpoint,
    ]);
    say("report: HTML of the batch run");
    const reportPath = await run("report", [out, "--run-id", RUN_ID]);

    const manifest = JSON.parse(await readFile(join(out, "runs", RUN_ID, "manifest.json"), "utf8")) as {
      counts: Record<string, TableCounts>;
    };
    return {
      out,
      seconds: (performance.now() - started) / 1000,
      batchCounts: manifest.counts,
      streamSummary,
      reportPath,
    };
  } finally {
    say("stopping the local servers");
    await Promise.allSettled([s3.stop(), kinesis.stop()]);
  }
}
