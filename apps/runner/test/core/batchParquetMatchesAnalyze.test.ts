import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DEFAULT_SQL_TABLE_NAMES, QUERY_NAMES, type QueryOptions, querySql } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { generatePostLines } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileLine } from "./hostileLines";
import { analyzeFolder, batchFolder, type JobOptions, TABLES, writeSource } from "./jobRunners";

const OPTION_COMBINATIONS: JobOptions[] = [false, true].flatMap((dedupe) =>
  (["lower", "exact"] as const).flatMap((median) =>
    (["all", "first"] as const).map((ties) => ({ dedupe, median, ties })),
  ),
);

/** The clean columns each view exposes, typed as the SQL reads them (timestamps as UTC wall time). */
const VIEW_COLUMNS: Record<TableName, string> = {
  pin: "ind, unique_id, title, description, follower_count, poster_name, tag_list, is_image_or_video, image_src, save_location, category",
  geo: "ind, country, coordinates, timestamp::TIMESTAMP AS timestamp",
  user: "ind, user_name, age, date_joined::TIMESTAMP AS date_joined",
};

/** DuckDB returns BIGINT counts and years as bigint; the TypeScript rows use numbers (as in packages/analytics/test/sql). */
function normalize(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
    ),
  );
}

const root = mkdtempSync(join(tmpdir(), "pinpipe-parquet-sql-"));
const source = join(root, "source");
let db: DuckDBInstance;

beforeAll(async () => {
  const lines: Record<TableName, Uint8Array[]> = { pin: [], geo: [], user: [] };
  for (const post of generatePostLines({ seed: 23, count: 600, dirty: 0.25, duplicates: 0.25 })) {
    for (const table of TABLES) lines[table].push(Buffer.from(post[table], "utf8"));
  }
  // A few records the jobs must reject or clean specially, so that the tables are not just the generator's.
  for (const table of TABLES) {
    for (const [kind, pick] of [
      [2, 0],
      [3, 0],
      [5, 9],
      [7, 1],
      [11, 1],
      [0, 0],
    ] as const) {
      lines[table].splice(
        10 + kind * 7,
        0,
        hostileLine({ table, kind, key: 3, slot: 0, text: "", number: 1, pick, at: 0 }),
      );
    }
  }
  writeSource(source, lines);
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
});

afterAll(() => {
  db?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

describe("the eight queries' SQL over batch's Parquet equal analyze's results", () => {
  it("for every option combination (dedupe × median × ties)", async () => {
    const connection = await db.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      for (const dedupe of [false, true]) {
        const run = await batchFolder(source, join(root, "out"), dedupe ? "dedupe" : "all", {
          dedupe,
          median: "lower",
          ties: "all",
          maxLineBytes: 1024 * 1024,
        });
        const names: Record<TableName, string> = DEFAULT_SQL_TABLE_NAMES;
        for (const table of TABLES) {
          await connection.run(
            `CREATE OR REPLACE VIEW ${names[table]} AS SELECT ${VIEW_COLUMNS[table]} FROM read_parquet('${run.runDir}/tables/${table}/**/*.parquet', hive_partitioning = false)`,
          );
          const counted = (
            await connection.runAndReadAll(`SELECT count(*) AS n FROM ${names[table]}`)
          ).getRowObjectsJS();
          expect(Number(counted[0]?.n), `${table} rows in Parquet`).toBe(run.manifest.counts[table].clean);
        }
        // With dedupe the tables hold no duplicate, without it they do (the corpus has re-posts).
        expect(run.manifest.counts.pin.duplicates > 0).toBe(dedupe);

        for (const options of OPTION_COMBINATIONS.filter((o) => o.dedupe === dedupe)) {
          const analyzed = await analyzeFolder(source, { ...options, threads: 1, maxLineBytes: 1024 * 1024 });
          expect(analyzed.accounting, `counts ${JSON.stringify(options)}`).toEqual(run.manifest.counts);
          const queryOptions: QueryOptions = options;
          for (const name of QUERY_NAMES) {
            const sql = querySql(name, { options: queryOptions, tables: names });
            const actual = normalize((await connection.runAndReadAll(sql)).getRowObjectsJS());
            const expected = analyzed.results[name];
            expect(expected.length, `${name} has rows`).toBeGreaterThan(0);
            expect(actual, `${name} ${JSON.stringify(options)}`).toEqual(expected);
          }
          if (options.median === "lower" && options.ties === "all") {
            // And batch's own results files are analyze's.
            for (const name of QUERY_NAMES) {
              const written = JSON.parse(readFileSync(join(run.runDir, "results", `${name}.json`), "utf8"));
              expect(written, `results/${name}.json`).toEqual(
                JSON.parse(JSON.stringify(analyzed.results[name])),
              );
            }
          }
        }
      }
    } finally {
      connection.closeSync();
    }
  });
});
