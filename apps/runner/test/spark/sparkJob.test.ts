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
import { dirname, join } from "node:path";
import { QUERY_NAMES } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pipelineSqlBundle } from "../../src/sql/pipelineSql";
import { batchFolder, type JobOptions, rowMultiset, TABLES } from "../core/jobRunners";
import { sqlTestCorpus } from "../sql/sqlCorpus";
import {
  deltaRows,
  kafkaConnectObjects,
  multisetDifference,
  parquetRowsUnder,
  rejectedKeys,
} from "./sparkOutputs";
import { SparkSession } from "./sparkSession";

const LINE_LIMIT = 1024;
/**
 * Posts in the generated corpus (dirty values, re-posts, hostile lines of every kind); the default
 * and its timings are in docs/spark.md.
 */
const POSTS = Number(process.env.PINPIPE_SPARK_TEST_POSTS ?? 100_000);
/** Lines per Kafka Connect object: 400, or larger for large corpora so the objects stay ~50 per topic. */
const OBJECT_LINES = Math.max(400, Math.ceil(POSTS / 50));

type Median = JobOptions["median"];
type Ties = JobOptions["ties"];
/** Every --median × --ties: they change only the queries, so one cleaning serves the four. */
const QUERY_OPTIONS: { median: Median; ties: Ties }[] = (["lower", "exact"] as const).flatMap((median) =>
  (["all", "first"] as const).map((ties) => ({ median, ties })),
);
/** The combination the job runs with --dedupe off and on; the other three are its `moreResults`. */
const MAIN_OPTIONS: Record<"all" | "dedupe", { median: Median; ties: Ties }> = {
  all: { median: "lower", ties: "all" },
  dedupe: { median: "exact", ties: "first" },
};
/** The run with ANSI mode off and --format parquet. */
const ANSI_OFF: JobOptions = { dedupe: true, ...MAIN_OPTIONS.dedupe };

const variantName = (o: JobOptions, ansi = true) =>
  `${o.dedupe ? "dedupe" : "all"}-${o.median}-${o.ties}${ansi ? "" : "-no-ansi"}`;

/** Writes the corpus as Kafka Connect objects under `dir` (the object holding line 400 gzipped). */
function writeKafkaConnectFolder(dir: string, lines: Record<TableName, Uint8Array[]>): void {
  for (const { key, body } of kafkaConnectObjects(lines, OBJECT_LINES, 400)) {
    mkdirSync(join(dir, dirname(key)), { recursive: true });
    writeFileSync(join(dir, key), body);
  }
}

function sparkRejected(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => readFileSync(join(dir, name), "utf8"));
}

type BatchOutcome = Awaited<ReturnType<typeof batchFolder>>;

/** Spark's counts, clean rows and rejected lines of every table equal to batch's. */
function expectTablesEqual(
  sparkCounts: Record<string, unknown>,
  rows: Record<TableName, Record<string, unknown>[]>,
  rejectedDir: string,
  batch: BatchOutcome,
): void {
  for (const table of TABLES) {
    const { in: total, clean, rejected, duplicates, byReason } = batch.manifest.counts[table];
    expect(sparkCounts[table], `${table} counts`).toEqual({
      in: total,
      clean,
      rejected,
      duplicates,
      byReason,
    });
    const sparkRows = rowMultiset(rows[table]);
    expect(multisetDifference(sparkRows, rowMultiset(batch.tables[table].rows)), `${table} rows`).toEqual({
      extra: [],
      missing: [],
    });
    expect(sparkRows.length).toBe(clean);
    const batchRejected = join(batch.runDir, "rejected", `${table}.ndjson`);
    const expectedRejected = rejectedKeys(
      existsSync(batchRejected) ? [readFileSync(batchRejected, "utf8")] : [],
    );
    expect(
      multisetDifference(rejectedKeys(sparkRejected(join(rejectedDir, table))), expectedRejected),
      `${table} rejected`,
    ).toEqual({ extra: [], missing: [] });
  }
  expect(batch.manifest.counts.pin.rejected).toBeGreaterThan(0);
}

/** The nine result files the job wrote under `out`, byte for byte those of batch's run. */
function expectResultsEqual(out: string, batchRunDir: string): void {
  for (const name of QUERY_NAMES) {
    expect(readFileSync(join(out, "results", `${name}.json`), "utf8"), `${out}: results/${name}.json`).toBe(
      readFileSync(join(batchRunDir, "results", `${name}.json`), "utf8"),
    );
  }
}

describeWithPeer("spark", "spark/pinpipe_job.py on Apache Spark 4 (local[2])", (spark) => {
  describeWithPeer(
    "spark-delta",
    "writing Delta Lake tables (delta-spark 4.0 jars of the spark-delta peer)",
    (deltaJars) => {
      const root = mkdtempSync(join(tmpdir(), "pinpipe-spark-"));
      const source = join(root, "source");
      const bundle = join(root, "bundle.json");
      let session: SparkSession;
      const timings: string[] = [];
      /** batch's outcome of ANSI_OFF, kept from the --dedupe test for the ANSI-off run. */
      let ansiOffBatch: BatchOutcome | undefined;

      const outOf = (o: JobOptions, ansi = true) => join(root, "spark", variantName(o, ansi));
      const jobArgs = (o: JobOptions, out: string) => [
        "--source",
        source,
        "--out",
        out,
        "--sql",
        bundle,
        "--median",
        o.median,
        "--ties",
        o.ties,
        ...(o.dedupe ? ["--dedupe"] : []),
      ];
      /** pinpipe batch on the same objects, once per option combination. */
      const batch = async (o: JobOptions): Promise<BatchOutcome> => {
        const started = performance.now();
        const outcome = await batchFolder(source, join(root, "batch"), variantName(o), {
          ...o,
          maxLineBytes: LINE_LIMIT,
        });
        timings.push(`batch ${variantName(o)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
        return outcome;
      };

      beforeAll(async () => {
        writeKafkaConnectFolder(source, sqlTestCorpus(17, POSTS));
        // The job reads the bundle `pinpipe sql --dialect spark --json --max-line-bytes 1KiB` prints.
        writeFileSync(bundle, JSON.stringify(pipelineSqlBundle("spark", undefined, LINE_LIMIT)));
        const started = performance.now();
        session = await SparkSession.start(spark, join(deltaJars.home, "libs"));
        timings.push(`Spark start ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }, 600_000);

      afterAll(async () => {
        await session?.stop();
        rmSync(root, { recursive: true, force: true });
        console.info(`Spark job test on ${POSTS} posts: ${timings.join(", ")}`);
      });

      for (const dedupe of [false, true]) {
        const main: JobOptions = { dedupe, ...MAIN_OPTIONS[dedupe ? "dedupe" : "all"] };
        const others: JobOptions[] = QUERY_OPTIONS.filter(
          (o) => o.median !== main.median || o.ties !== main.ties,
        ).map((o) => ({ dedupe, ...o }));

        it(`${dedupe ? "--dedupe" : "without --dedupe"}: clean rows (Delta), rejects and counts equal batch's, and the results of every --median/--ties`, async () => {
          const run = await session.runJob(jobArgs(main, outOf(main)), {
            moreResults: others.map((o) => ({ median: o.median, ties: o.ties, out: outOf(o) })),
          });
          timings.push(`Spark ${dedupe ? "dedupe" : "all"} ×4 ${run.seconds.toFixed(1)} s`);
          const expected = await batch(main);
          if (variantName(main) === variantName(ANSI_OFF)) ansiOffBatch = expected;

          const rows = {} as Record<TableName, Record<string, unknown>[]>;
          for (const table of TABLES) {
            // Read back through Delta by Spark: the table batch would name, partitioned as batch's.
            const delta = await session.readDelta(join(outOf(main), "tables", `pinpipe_${table}_table`));
            expect(delta.partitionColumns).toEqual([
              { pin: "category", geo: "post_year", user: "join_year" }[table],
            ]);
            expect(delta.history.at(-1)?.operation).toBe("WRITE");
            // The key is declared non-null, as pinpipe declares it.
            expect(delta.schema.find((field) => field.name === "ind")).toEqual({
              name: "ind",
              type: "bigint",
              nullable: false,
            });
            rows[table] = deltaRows(delta);
          }
          expectTablesEqual(run.counts, rows, join(outOf(main), "rejected"), expected);
          expect(JSON.parse(readFileSync(join(outOf(main), "counts.json"), "utf8")).counts).toEqual(
            run.counts,
          );
          if (dedupe) expect(expected.manifest.counts.pin.duplicates).toBeGreaterThan(0);
          expectResultsEqual(outOf(main), expected.runDir);
          for (const o of others) expectResultsEqual(outOf(o), (await batch(o)).runDir);
        }, 900_000);
      }

      it("writes plain Parquet with --format parquet, equal to batch's again with ANSI mode off", async () => {
        const off = outOf(ANSI_OFF, false);
        const run = await session.runJob([...jobArgs(ANSI_OFF, off), "--format", "parquet"], { ansi: false });
        timings.push(`Spark ANSI off, parquet ${run.seconds.toFixed(1)} s`);
        const expected = ansiOffBatch ?? (await batch(ANSI_OFF));
        const rows = {} as Record<TableName, Record<string, unknown>[]>;
        for (const table of TABLES) rows[table] = await parquetRowsUnder(join(off, "tables", table));
        expectTablesEqual(run.counts, rows, join(off, "rejected"), expected);
        expectResultsEqual(off, expected.runDir);
      }, 900_000);

      it("reads the gzipped objects (their rejects carry the .gz object's name and positions)", () => {
        const gz = readdirSync(join(source, "topics", "0a1b2c.pin", "partition=0")).filter((n) =>
          n.endsWith(".gz"),
        );
        expect(gz).toHaveLength(1);
        const main: JobOptions = { dedupe: false, ...MAIN_OPTIONS.all };
        const rejected = rejectedKeys(sparkRejected(join(outOf(main), "rejected", "pin")));
        expect(rejected.some((key) => (JSON.parse(key) as string[])[0]!.endsWith(".gz"))).toBe(true);
      });
    },
  );
});
