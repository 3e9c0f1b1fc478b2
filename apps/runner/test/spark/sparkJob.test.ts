import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { QUERY_NAMES } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { describeWithPeer } from "@pinpipe/test-peers";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pipelineSqlBundle } from "../../src/sql/pipelineSql";
import { batchFolder, type JobOptions, normalizeRow, rowMultiset, TABLES } from "../core/jobRunners";
import { sqlTestCorpus } from "../sql/sqlCorpus";

const repo = resolve(import.meta.dirname, "../../../..");
const JOB = join(repo, "spark", "pinpipe_job.py");
const DRIVER = join(import.meta.dirname, "runJobVariants.py");
const LINE_LIMIT = 1024;

/**
 * The option values Spark runs: each value of each option at least once (every combination runs
 * on DuckDB in sqlCommand.test.ts, through the same generated SQL). A Spark run costs tens of
 * seconds on a shared 2-core machine, so not all eight.
 */
const COMBINATIONS: JobOptions[] = [
  { dedupe: false, median: "lower", ties: "all" },
  { dedupe: true, median: "exact", ties: "first" },
];

/** The entries of `actual` missing from `expected` and the other way round (a few of each). */
function multisetDifference(actual: string[], expected: string[]): { extra: string[]; missing: string[] } {
  const count = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    return counts;
  };
  const a = count(actual);
  const e = count(expected);
  const over = (x: Map<string, number>, y: Map<string, number>) =>
    [...x]
      .filter(([k, n]) => n > (y.get(k) ?? 0))
      .map(([k]) => k.slice(0, 400))
      .slice(0, 3);
  return { extra: over(a, e), missing: over(e, a) };
}

const variantName = (o: JobOptions, ansi = true) =>
  `${o.dedupe ? "dedupe" : "all"}-${o.median}-${o.ties}${ansi ? "" : "-no-ansi"}`;

/** Writes each table's lines as Kafka Connect S3 sink objects of 400 lines, exact bytes. */
function writeKafkaConnectFolder(dir: string, lines: Record<TableName, Uint8Array[]>): void {
  for (const table of TABLES) {
    const folder = join(dir, "topics", `0a1b2c.${table}`, "partition=0");
    mkdirSync(folder, { recursive: true });
    for (let start = 0; start < lines[table].length; start += 400) {
      const parts = lines[table].slice(start, start + 400).flatMap((line) => [line, Buffer.from("\n")]);
      const name = `0a1b2c.${table}+0+${String(start).padStart(10, "0")}.json`;
      writeFileSync(join(folder, name), Buffer.concat(parts));
    }
  }
}

/** Runs a process to its end, collecting its output. */
function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (status) =>
      resolvePromise({
        status,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}

async function parquetRowsUnder(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const path of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) =>
    p.endsWith(".parquet"),
  )) {
    const bytes = readFileSync(join(dir, path));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    for (const row of (await parquetReadObjects({ file })) as Record<string, unknown>[])
      rows.push(normalizeRow(row));
  }
  return rows;
}

/** Rejected lines as comparable texts: where, why and the exact bytes. */
function rejectedKeys(texts: string[]): string[] {
  return texts
    .flatMap((text) => text.split("\n"))
    .filter((line) => line !== "")
    .map((line) => {
      const entry = JSON.parse(line) as {
        position: { file: string; line: number; byteOffset: number };
        reason: string;
        raw?: string | null;
        rawEncoding?: string | null;
      };
      const { file, line: number, byteOffset } = entry.position;
      return JSON.stringify([
        file,
        number,
        byteOffset,
        entry.reason,
        entry.raw ?? null,
        entry.rawEncoding ?? null,
      ]);
    })
    .sort();
}

function sparkRejected(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => readFileSync(join(dir, name), "utf8"));
}

describeWithPeer("spark", "spark/pinpipe_job.py on Apache Spark 4 (local[2])", (spark) => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-spark-"));
  const source = join(root, "source");
  let runs: { args: string[]; seconds: number }[] = [];
  let sparkSeconds = 0;

  beforeAll(async () => {
    writeKafkaConnectFolder(source, sqlTestCorpus(17, 800));
    // The job reads the bundle `pinpipe sql --dialect spark --json --max-line-bytes 1KiB` prints.
    const bundle = join(root, "bundle.json");
    writeFileSync(bundle, JSON.stringify(pipelineSqlBundle("spark", undefined, LINE_LIMIT)));
    const variants = [
      ...COMBINATIONS.map((o) => ({ options: o, ansi: true })),
      { options: COMBINATIONS[0]!, ansi: false },
    ].map(({ options, ansi }) => ({
      ansi,
      args: [
        "--source",
        source,
        "--out",
        join(root, "spark", variantName(options, ansi)),
        "--sql",
        bundle,
        "--median",
        options.median,
        "--ties",
        options.ties,
        ...(options.dedupe ? ["--dedupe"] : []),
      ],
    }));
    writeFileSync(join(root, "runs.json"), JSON.stringify(variants));
    const started = performance.now();
    // Spawned asynchronously: a blocked event loop would cut the test worker off from Vitest.
    const run = await runProcess(spark.python!, [DRIVER, JOB, join(root, "runs.json")], {
      ...process.env,
      PYSPARK_PYTHON: spark.python!,
      SPARK_LOCAL_IP: "127.0.0.1",
    });
    sparkSeconds = (performance.now() - started) / 1000;
    if (run.status !== 0)
      throw new Error(`the Spark job failed (${run.status}):\n${run.stderr.slice(-4000)}`);
    runs = run.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
  }, 1_800_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("runs each option value (and ANSI off) in one session", () => {
    expect(runs.length).toBe(COMBINATIONS.length + 1);
    console.info(`Spark: ${sparkSeconds.toFixed(1)} s for ${runs.length} runs (JVM start included)`);
  });

  for (const options of COMBINATIONS) {
    it(`reproduces pinpipe batch's clean rows, rejects, counts and results: ${variantName(options)}`, async () => {
      const batch = await batchFolder(source, join(root, "batch"), variantName(options), {
        ...options,
        maxLineBytes: LINE_LIMIT,
      });
      const out = join(root, "spark", variantName(options));
      const sparkCounts = JSON.parse(readFileSync(join(out, "counts.json"), "utf8")).counts;
      for (const table of TABLES) {
        const { in: total, clean, rejected, duplicates, byReason } = batch.manifest.counts[table];
        expect(sparkCounts[table], `${table} counts`).toEqual({
          in: total,
          clean,
          rejected,
          duplicates,
          byReason,
        });
        const rows = rowMultiset(await parquetRowsUnder(join(out, "tables", table)));
        expect(multisetDifference(rows, rowMultiset(batch.tables[table].rows)), `${table} rows`).toEqual({
          extra: [],
          missing: [],
        });
        expect(rows.length).toBe(clean);
        const batchRejected = join(batch.runDir, "rejected", `${table}.ndjson`);
        const expectedRejected = rejectedKeys(
          existsSync(batchRejected) ? [readFileSync(batchRejected, "utf8")] : [],
        );
        expect(
          multisetDifference(rejectedKeys(sparkRejected(join(out, "rejected", table))), expectedRejected),
          `${table} rejected`,
        ).toEqual({ extra: [], missing: [] });
      }
      expect(batch.manifest.counts.pin.rejected).toBeGreaterThan(0);
      for (const name of QUERY_NAMES) {
        const written = readFileSync(join(out, "results", `${name}.json`), "utf8");
        expect(written, `results/${name}.json`).toBe(
          readFileSync(join(batch.runDir, "results", `${name}.json`), "utf8"),
        );
      }
    });
  }

  it("gives the same results with ANSI mode off", () => {
    const on = join(root, "spark", variantName(COMBINATIONS[0]!));
    const off = join(root, "spark", variantName(COMBINATIONS[0]!, false));
    for (const name of [...QUERY_NAMES.map((q) => `results/${q}.json`), "counts.json"]) {
      expect(readFileSync(join(off, name), "utf8"), name).toBe(readFileSync(join(on, name), "utf8"));
    }
  });
});
