import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import type { Peer } from "@pinpipe/test-peers";

const repo = resolve(import.meta.dirname, "../../../..");
/** The Spark job under test. */
export const SPARK_JOB = join(repo, "spark", "pinpipe_job.py");
const DRIVER = join(import.meta.dirname, "sparkSessionDriver.py");

/** A Delta table as Spark reads it (sparkSessionDriver.py `delta`): instants in epoch microseconds. */
export interface SparkDeltaTable {
  version: number;
  schema: { name: string; type: string; nullable: boolean }[];
  partitionColumns: string[];
  numFiles: number;
  files: string[];
  history: { version: number; operation: string }[];
  rows: Record<string, unknown>[];
}

/** More of the session: the jars of each folder in `jarDirs` and the Spark settings in `conf`. */
export interface SparkSessionSettings {
  jarDirs?: readonly string[];
  conf?: Readonly<Record<string, string>>;
}

/** Results of other `--median`/`--ties` options that a job run writes to `out/results` as well. */
export interface SparkMoreResults {
  median: "lower" | "exact";
  ties: "all" | "first";
  out: string;
}

/** Per table: in, clean, rejected, duplicates, byReason, as the job's counts.json. */
export type SparkJobCounts = Record<string, Record<string, unknown>>;

/**
 * One long-lived SparkSession in a Python process (local[2], the Delta jars of the `spark-delta`
 * peer on its class path, never Maven at run time): a test file starts it once (a JVM start costs
 * tens of seconds) and sends it job runs and table reads one after another.
 */
export class SparkSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = "";
  private readonly answers: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  private stderrTail = "";
  private exited: string | null = null;

  private constructor(spark: Peer, deltaJars: string, settings: SparkSessionSettings) {
    this.child = spawn(spark.python!, [DRIVER, SPARK_JOB, deltaJars, JSON.stringify(settings)], {
      env: { ...process.env, PYSPARK_PYTHON: spark.python!, SPARK_LOCAL_IP: "127.0.0.1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffered += chunk.toString("utf8");
      let newline = this.buffered.indexOf("\n");
      while (newline >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        if (line.startsWith("@@")) this.deliver(line.slice(2));
        newline = this.buffered.indexOf("\n");
      }
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-8000);
    });
    this.child.on("close", (code) => {
      this.exited = `the Spark driver exited (${code}):\n${this.stderrTail}`;
      this.deliver(JSON.stringify({ error: this.exited }));
    });
  }

  private deliver(line: string): void {
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting(line);
    } else this.answers.push(line);
  }

  private next(): Promise<string> {
    const line = this.answers.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolvePromise) => {
      this.waiting = resolvePromise;
    });
  }

  /** Starts the session (the Delta jars in `deltaJars`, and `settings`) and waits until Spark is up. */
  static async start(
    spark: Peer,
    deltaJars: string,
    settings: SparkSessionSettings = {},
  ): Promise<SparkSession> {
    const session = new SparkSession(spark, deltaJars, settings);
    await session.answer();
    return session;
  }

  private async answer<T>(): Promise<T> {
    const parsed = JSON.parse(await this.next()) as { error?: string; trace?: string } & T;
    if (parsed.error !== undefined) throw new Error(`${parsed.error}\n${parsed.trace ?? ""}`);
    return parsed;
  }

  private async request<T>(request: object): Promise<T> {
    if (this.exited !== null) throw new Error(this.exited);
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    return this.answer<T>();
  }

  /**
   * Runs `spark/pinpipe_job.py` with these arguments in the session (ANSI mode on or off); the job
   * also writes the results of each of `moreResults` (other `--median`/`--ties`) to its
   * `out/results` from the same cleaning.
   */
  runJob(
    args: readonly string[],
    options: { ansi?: boolean; moreResults?: readonly SparkMoreResults[] } = {},
  ): Promise<{ counts: SparkJobCounts; seconds: number }> {
    const moreResults = (options.moreResults ?? []).map((more) => [more.median, more.ties, more.out]);
    return this.request({ op: "job", args, ansi: options.ansi ?? true, moreResults });
  }

  /** Reads the Delta table at `path` with Spark (delta-spark). */
  readDelta(path: string): Promise<SparkDeltaTable> {
    return this.request({ op: "delta", path });
  }

  /** Ends the session and its process. */
  async stop(): Promise<void> {
    if (this.exited !== null) return;
    const closed = new Promise<void>((resolvePromise) => this.child.once("close", () => resolvePromise()));
    this.child.stdin.write(`${JSON.stringify({ op: "quit" })}\n`);
    this.child.stdin.end();
    await closed;
  }
}
