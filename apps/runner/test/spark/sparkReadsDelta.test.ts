import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { BatchManifest } from "@pinpipe/core";
import {
  cleanTableDefinition,
  loadSnapshot,
  localDeltaStorage,
  RUN_ID_TAG,
  readCommitActions,
  writeTableCommit,
} from "@pinpipe/delta";
import { createKinesisClient, generatePosts } from "@pinpipe/ingest";
import { startLocalKinesis } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { rawLines, TABLES, writeLocalTopics } from "../batch/rawTopicsFixture";
import { normalizeRow, rowMultiset } from "../core/jobRunners";
import { createStreams, putPosts } from "../stream/kinesisFixture";
import { type SparkDeltaTable, SparkSession } from "./sparkSession";

async function pinpipe(args: readonly string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const context: CommandContext = {
    stdout: new PassThrough(),
    stderr: new PassThrough().on("data", (d) => err.push(String(d))),
    interactive: false,
    cwd: process.cwd(),
    env: {},
  };
  const code = await main(args, commands, context);
  return { code, err: err.join("") };
}

/** Spark's simple type names for the Spark schema types pinpipe writes in `metaData`. */
function simpleType(type: unknown): string {
  if (typeof type === "object" && type !== null) {
    const { elementType } = type as { elementType: unknown };
    return `array<${simpleType(elementType)}>`;
  }
  return ({ long: "bigint", integer: "int" } as Record<string, string>)[type as string] ?? (type as string);
}

/**
 * The table as pinpipe's own log describes it: every row of every file the latest snapshot
 * references (read with hyparquet, partition values from the `add` actions), the schema of
 * `metaData`, its partition columns, and the operation of each version's `commitInfo`.
 */
async function pinpipeView(dir: string) {
  const storage = localDeltaStorage(dir);
  const snapshot = (await loadSnapshot(storage))!;
  const rows: Record<string, unknown>[] = [];
  let numRecords = 0;
  for (const [path, add] of snapshot.files) {
    const bytes = (await storage.read(path))!;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    for (const row of (await parquetReadObjects({ file })) as Record<string, unknown>[]) {
      const withPartition: Record<string, unknown> = { ...row };
      for (const [name, value] of Object.entries(add.partitionValues)) {
        if (name !== "category") withPartition[name] = value === null ? null : Number(value);
      }
      rows.push(withPartition);
    }
    numRecords += (JSON.parse(add.stats!) as { numRecords: number }).numRecords;
  }
  const history: { version: number; operation: string }[] = [];
  for (let version = 0; version <= snapshot.version; version++) {
    const actions = (await readCommitActions(storage, version))!;
    const info = actions.find((action) => "commitInfo" in action) as
      | { commitInfo: { operation: string } }
      | undefined;
    history.push({ version, operation: info!.commitInfo.operation });
  }
  const fields = (
    JSON.parse(snapshot.metadata.schemaString) as {
      fields: { name: string; type: unknown; nullable: boolean }[];
    }
  ).fields;
  return {
    version: snapshot.version,
    rows,
    numRecords,
    numFiles: snapshot.files.size,
    files: snapshot.files,
    history,
    partitionColumns: [...snapshot.metadata.partitionColumns],
    schema: fields.map((field) => ({
      name: field.name,
      type: simpleType(field.type),
      nullable: field.nullable,
    })),
  };
}

/** Spark's rows in the form of hyparquet's: instants from epoch microseconds to milliseconds. */
function sparkRows(table: SparkDeltaTable): Record<string, unknown>[] {
  const instants = table.schema.filter((field) => field.type === "timestamp").map((field) => field.name);
  return table.rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const name of instants) {
      const micros = row[name] as number | null;
      copy[name] = micros === null ? null : micros / 1000;
    }
    return normalizeRow(copy);
  });
}

describeWithPeer(
  "spark",
  "Apache Spark 4 with Delta Lake reads the tables pinpipe batch and stream write",
  (spark) => {
    describeWithPeer("spark-delta", "(delta-spark 4.0 jars from the spark-delta peer)", (deltaJars) => {
      let session: SparkSession;
      let work: string;
      let out: string;
      let rawA: string;
      let rawB: string;

      const tableDir = (table: string) => join(out, "tables", `pinpipe_${table}_table`);

      /** Spark sees exactly what pinpipe's log holds: rows, schema, partitions, history, files. */
      async function expectSparkSeesPinpipe(table: string, dir = tableDir(table)): Promise<SparkDeltaTable> {
        const [spark, own] = await Promise.all([session.readDelta(dir), pinpipeView(dir)]);
        expect(spark.version, `${table} version`).toBe(own.version);
        expect(spark.history, `${table} history`).toEqual(own.history);
        expect(spark.schema, `${table} schema`).toEqual(own.schema);
        expect(spark.partitionColumns, `${table} partition columns`).toEqual(own.partitionColumns);
        expect(spark.numFiles, `${table} files`).toBe(own.numFiles);
        expect(spark.rows.length, `${table} row count`).toBe(own.numRecords);
        expect(rowMultiset(sparkRows(spark)), `${table} rows`).toEqual(rowMultiset(own.rows));
        return spark;
      }

      beforeAll(async () => {
        work = mkdtempSync(join(tmpdir(), "pinpipe-spark-delta-"));
        out = join(work, "out");
        [rawA, rawB] = await Promise.all([
          writeLocalTopics(rawLines(400, 61)),
          writeLocalTopics(rawLines(250, 62)),
        ]);
        session = await SparkSession.start(spark, join(deltaJars.home, "libs"));
      }, 600_000);

      afterAll(async () => {
        await session?.stop();
        for (const dir of [work, rawA, rawB]) if (dir) rmSync(dir, { recursive: true, force: true });
      });

      it("sees a run's rows, schema, partition columns and history exactly as pinpipe reports them", async () => {
        const batch = await pinpipe(["batch", "--source", rawA, "--out", out, "--run-id", "day1"]);
        expect(batch.code, batch.err).toBe(0);
        for (const table of TABLES) {
          const spark = await expectSparkSeesPinpipe(table);
          expect(spark.history).toEqual([{ version: 0, operation: "WRITE" }]);
          expect(spark.rows.length).toBeGreaterThan(0);
        }
        const geo = await session.readDelta(tableDir("geo"));
        expect(geo.schema.map((field) => `${field.name} ${field.type}`)).toEqual([
          "ind bigint",
          "country string",
          "coordinates array<double>",
          "timestamp timestamp",
          "post_year int",
        ]);
        // The partition value is the UTC year of the instant Spark reads from the file.
        for (const row of geo.rows) {
          const micros = row.timestamp as number | null;
          expect(row.post_year).toBe(micros === null ? null : new Date(micros / 1000).getUTCFullYear());
        }
      }, 600_000);

      it("sees a second run appended and a rerun of the first replacing its rows, with both in the history", async () => {
        expect((await pinpipe(["batch", "--source", rawB, "--out", out, "--run-id", "day2"])).code).toBe(0);
        expect((await pinpipe(["batch", "--source", rawB, "--out", out, "--run-id", "day1"])).code).toBe(0);
        const day2 = (
          JSON.parse(readFileSync(join(out, "runs", "day2", "manifest.json"), "utf8")) as BatchManifest
        ).counts;
        for (const table of TABLES) {
          const spark = await expectSparkSeesPinpipe(table);
          expect(spark.history.map((entry) => entry.version)).toEqual([0, 1, 2]);
          // Both runs now hold the second source: its rows twice, none of the first source's.
          expect(spark.rows.length).toBe(2 * day2[table].clean);
          const sorted = rowMultiset(sparkRows(spark));
          expect(sorted.filter((_, i) => i % 2 === 0)).toEqual(sorted.filter((_, i) => i % 2 === 1));
        }
      }, 600_000);

      it("sees the same rows after pinpipe optimize and pinpipe vacuum, and their commits in the history", async () => {
        // Small runs write one file per partition: give run day2 a second copy of its geo files,
        // as a large run would have, so that optimize has files to compact.
        const geo = localDeltaStorage(tableDir("geo"));
        const snapshot = (await loadSnapshot(geo))!;
        const copies = [];
        for (const [path, add] of snapshot.files) {
          if (add.tags?.[RUN_ID_TAG] !== "day2") continue;
          const copy = path.replace(/\.parquet$/, "-copy.parquet");
          await geo.put(copy, (await geo.read(path))!);
          copies.push({ ...add, path: copy, stats: add.stats!, tags: add.tags! });
        }
        expect(copies.length).toBeGreaterThan(0);
        await writeTableCommit(geo, cleanTableDefinition("geo", "pinpipe"), { add: copies });
        const copied = await expectSparkSeesPinpipe("geo");

        const optimized = await pinpipe(["optimize", out, "--small-file-bytes", "1GiB"]);
        expect(optimized.code, optimized.err).toBe(0);
        const compacted = await expectSparkSeesPinpipe("geo");
        expect(compacted.numFiles).toBeLessThan(copied.numFiles);
        expect(compacted.history.at(-1)?.operation).toBe("OPTIMIZE");
        expect(rowMultiset(sparkRows(compacted))).toEqual(rowMultiset(sparkRows(copied)));

        const vacuumed = await pinpipe(["vacuum", out, "--retention-hours", "0"]);
        expect(vacuumed.code, vacuumed.err).toBe(0);
        for (const table of TABLES) await expectSparkSeesPinpipe(table);
        const last = await expectSparkSeesPinpipe("geo");
        expect(last.history.map((entry) => entry.operation).slice(-2)).toEqual(["OPTIMIZE", "VACUUM END"]);
        expect(rowMultiset(sparkRows(last))).toEqual(rowMultiset(sparkRows(copied)));
      }, 600_000);

      it("sees a rerun after optimize and vacuum replace that run's compacted files", async () => {
        const before = await pinpipeView(tableDir("pin"));
        expect((await pinpipe(["batch", "--source", rawA, "--out", out, "--run-id", "day2"])).code).toBe(0);
        const spark = await expectSparkSeesPinpipe("pin");
        expect(spark.version).toBe(before.version + 1);
        expect(spark.history.at(-1)?.operation).toBe("WRITE");
      }, 600_000);

      it("sees a stream's tables: one STREAMING UPDATE version per micro-batch, every clean row, then optimize and vacuum", async () => {
        const kinesis = await startLocalKinesis();
        const client = createKinesisClient({ endpoint: kinesis.endpoint });
        try {
          const streams = await createStreams(client, "spark-stream", 1);
          const posts = [...generatePosts({ seed: 29, count: 120 })];
          await putPosts(client, streams, posts);
          const streamOut = join(work, "stream-out");
          const streamArgs = [
            "stream",
            "--out",
            streamOut,
            "--streams",
            `${streams.pin},${streams.geo},${streams.user}`,
          ];
          const options = [
            "--kinesis-endpoint",
            kinesis.endpoint,
            "--poll-ms",
            "50",
            "--batch-records",
            "40",
          ];
          const run = await pinpipe([...streamArgs, ...options, "--until-idle", "1"]);
          expect(run.code, run.err).toBe(0);
          const streamTable = (table: string) => join(streamOut, "tables", `pinpipe_${table}_table`);
          const sent = posts.map((post) => post.geo.ind).sort((a, b) => a - b);
          const filesBefore = new Map<string, number>();
          for (const table of TABLES) {
            const seen = await expectSparkSeesPinpipe(table, streamTable(table));
            expect(seen.history.length, `${table}: 120 records in batches of 40`).toBeGreaterThanOrEqual(3);
            expect(seen.history.every((entry) => entry.operation === "STREAMING UPDATE")).toBe(true);
            expect(seen.rows.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(sent);
            filesBefore.set(table, seen.numFiles);
          }

          expect((await pinpipe(["optimize", streamOut, "--small-file-bytes", "1GiB"])).code).toBe(0);
          expect((await pinpipe(["vacuum", streamOut, "--retention-hours", "0"])).code).toBe(0);
          for (const table of TABLES) {
            const seen = await expectSparkSeesPinpipe(table, streamTable(table));
            expect(seen.history.map((entry) => entry.operation).slice(-2)).toEqual([
              "OPTIMIZE",
              "VACUUM END",
            ]);
            // Each micro-batch wrote a file per partition; compaction leaves one per partition.
            expect(seen.numFiles).toBeLessThan(filesBefore.get(table) ?? 0);
            expect(seen.rows.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(sent);
          }
        } finally {
          client.destroy();
          await kinesis.stop();
        }
      }, 600_000);
    });
  },
);
