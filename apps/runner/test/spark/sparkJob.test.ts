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
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { QUERY_NAMES } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { describeWithPeer } from "@pinpipe/test-peers";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pipelineSqlBundle } from "../../src/sql/pipelineSql";
import { batchFolder, type JobOptions, normalizeRow, rowMultiset, TABLES } from "../core/jobRunners";
import { sqlTestCorpus } from "../sql/sqlCorpus";
import { type SparkDeltaTable, SparkSession } from "./sparkSession";

const LINE_LIMIT = 1024;
/**
 * Posts in the generated corpus (dirty values, re-posts, hostile lines of every kind). The issue
 * asks for ~100k; the eight Spark runs cost most of their time in Spark's fixed cost per job, so
 * the size is what keeps this file within a few minutes on a shared 2-core machine.
 */
const POSTS = Number(process.env.PINPIPE_SPARK_TEST_POSTS ?? 2_000);

/** Every option combination: --dedupe on/off × --median lower|exact × --ties all|first. */
const COMBINATIONS: JobOptions[] = [false, true].flatMap((dedupe) =>
  (["lower", "exact"] as const).flatMap((median) =>
    (["all", "first"] as const).map((ties) => ({ dedupe, median, ties })),
  ),
);

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

/**
 * Writes each table's lines as Kafka Connect S3 sink objects of 400 lines, exact bytes; the second
 * object of each topic gzipped (`.json.gz`), as the S3 sink writes with compression on.
 */
function writeKafkaConnectFolder(dir: string, lines: Record<TableName, Uint8Array[]>): void {
  for (const table of TABLES) {
    const folder = join(dir, "topics", `0a1b2c.${table}`, "partition=0");
    mkdirSync(folder, { recursive: true });
    for (let start = 0; start < lines[table].length; start += 400) {
      const parts = lines[table].slice(start, start + 400).flatMap((line) => [line, Buffer.from("\n")]);
      const name = `0a1b2c.${table}+0+${String(start).padStart(10, "0")}.json`;
      const body = Buffer.concat(parts);
      if (start === 400) writeFileSync(join(folder, `${name}.gz`), gzipSync(body));
      else writeFileSync(join(folder, name), body);
    }
  }
}

/** Rows of a Delta table as Spark read it, in the form of batch's: instants in epoch ms, no derived year. */
function deltaRows(table: SparkDeltaTable): Record<string, unknown>[] {
  const instants = new Set(table.schema.filter((f) => f.type === "timestamp").map((f) => f.name));
  return table.rows.map((row) => {
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (name === "post_year" || name === "join_year") continue;
      copy[name] = instants.has(name) && value !== null ? (value as number) / 1000 : value;
    }
    return normalizeRow(copy);
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
  describeWithPeer(
    "spark-delta",
    "writing Delta Lake tables (delta-spark 4.0 jars of the spark-delta peer)",
    (deltaJars) => {
      const root = mkdtempSync(join(tmpdir(), "pinpipe-spark-"));
      const source = join(root, "source");
      const bundle = join(root, "bundle.json");
      let session: SparkSession;
      const seconds: number[] = [];

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

      beforeAll(async () => {
        writeKafkaConnectFolder(source, sqlTestCorpus(17, POSTS));
        // The job reads the bundle `pinpipe sql --dialect spark --json --max-line-bytes 1KiB` prints.
        writeFileSync(bundle, JSON.stringify(pipelineSqlBundle("spark", undefined, LINE_LIMIT)));
        session = await SparkSession.start(spark, join(deltaJars.home, "libs"));
      }, 600_000);

      afterAll(async () => {
        await session?.stop();
        rmSync(root, { recursive: true, force: true });
        if (seconds.length > 0)
          console.info(`Spark: ${seconds.map((s) => s.toFixed(1)).join(" s, ")} s per job on ${POSTS} posts`);
      });

      for (const options of COMBINATIONS) {
        it(`reproduces pinpipe batch's clean rows (Delta), rejects, counts and results: ${variantName(options)}`, async () => {
          const out = outOf(options);
          const run = await session.runJob(jobArgs(options, out));
          seconds.push(run.seconds);
          const batch = await batchFolder(source, join(root, "batch"), variantName(options), {
            ...options,
            maxLineBytes: LINE_LIMIT,
          });
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
            // Read back through Delta by Spark: the table batch would name, partitioned as batch's.
            const delta = await session.readDelta(join(out, "tables", `pinpipe_${table}_table`));
            expect(delta.partitionColumns).toEqual([
              { pin: "category", geo: "post_year", user: "join_year" }[table],
            ]);
            expect(delta.history.at(-1)?.operation).toBe("WRITE");
            const rows = rowMultiset(deltaRows(delta));
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
          if (options.dedupe) expect(batch.manifest.counts.pin.duplicates).toBeGreaterThan(0);
          for (const name of QUERY_NAMES) {
            const written = readFileSync(join(out, "results", `${name}.json`), "utf8");
            expect(written, `results/${name}.json`).toBe(
              readFileSync(join(batch.runDir, "results", `${name}.json`), "utf8"),
            );
          }
        }, 900_000);
      }

      it("writes plain Parquet with --format parquet, and the same results with ANSI mode off", async () => {
        const options = COMBINATIONS[0]!;
        const off = outOf(options, false);
        const run = await session.runJob([...jobArgs(options, off), "--format", "parquet"], false);
        seconds.push(run.seconds);
        const on = outOf(options);
        for (const name of [...QUERY_NAMES.map((q) => `results/${q}.json`)]) {
          expect(readFileSync(join(off, name), "utf8"), name).toBe(readFileSync(join(on, name), "utf8"));
        }
        expect(JSON.parse(readFileSync(join(off, "counts.json"), "utf8")).counts).toEqual(
          JSON.parse(readFileSync(join(on, "counts.json"), "utf8")).counts,
        );
        for (const table of TABLES) {
          const delta = rowMultiset(
            deltaRows(await session.readDelta(join(on, "tables", `pinpipe_${table}_table`))),
          );
          expect(rowMultiset(await parquetRowsUnder(join(off, "tables", table))), table).toEqual(delta);
        }
      }, 900_000);

      it("reads the gzipped objects (their rejects carry the .gz object's name and positions)", () => {
        const gz = readdirSync(join(source, "topics", "0a1b2c.pin", "partition=0")).filter((n) =>
          n.endsWith(".gz"),
        );
        expect(gz).toHaveLength(1);
        const rejected = rejectedKeys(sparkRejected(join(outOf(COMBINATIONS[0]!), "rejected", "pin")));
        expect(rejected.some((key) => (JSON.parse(key) as string[])[0]!.endsWith(".gz"))).toBe(true);
      });
    },
  );
});
