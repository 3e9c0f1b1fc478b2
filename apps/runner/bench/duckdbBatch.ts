import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { QUERY_NAMES, type QueryOptions, querySql } from "@pinpipe/analytics";
import { resultJson } from "@pinpipe/core";
import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import { CLEANING_MACROS, cleanTablesSql } from "./duckdbCleanSql";

/**
 * The clean columns `pinpipe batch` writes per table, in order (docs/output-layout.md), with the
 * DuckDB table `cleanTablesSql` creates for it and the Hive partition `pinpipe batch` uses: pins
 * by `category` (kept in the files, as pinpipe does), geo records by `post_year = year(timestamp)`,
 * users by `join_year = year(date_joined)` (derived, so only in the folder names).
 */
const BATCH_TABLES = {
  pin: {
    table: "pin",
    columns: PIN_COLUMNS,
    partition: { column: "category", expression: null },
  },
  geo: {
    table: "geo",
    columns: GEO_COLUMNS,
    partition: { column: "post_year", expression: 'year("timestamp")' },
  },
  user: {
    table: "user_data",
    columns: USER_COLUMNS,
    partition: { column: "join_year", expression: "year(date_joined)" },
  },
} as const;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The `COPY` statement that writes one clean table as Hive-partitioned Parquet under `dir`, the
 * columns in pinpipe's order. `cleanTablesSql(files, true)` already yields every clean column
 * pinpipe writes (checked at run time by {@link missingColumns}), so no column is added here.
 *
 * @example
 * copySql("geo", "/tmp/x/duckdb/geo"); // COPY (SELECT "ind", …, year("timestamp") AS "post_year" FROM geo) TO '/tmp/x/duckdb/geo' (FORMAT parquet, PARTITION_BY ("post_year"))
 */
function copySql(name: keyof typeof BATCH_TABLES, dir: string): string {
  const { table, columns, partition } = BATCH_TABLES[name];
  const select = columns.map(quote).join(", ");
  const derived =
    partition.expression === null ? "" : `, ${partition.expression} AS ${quote(partition.column)}`;
  // A partition column that is a table column stays in the files, as pinpipe keeps category.
  const keep = partition.expression === null ? ", WRITE_PARTITION_COLUMNS true" : "";
  return `COPY (SELECT ${select}${derived} FROM ${table}) TO ${literal(dir)} (FORMAT parquet, PARTITION_BY (${quote(partition.column)})${keep})`;
}

/**
 * The DuckDB side of the batch bench, run as its own process so its time and memory are measured
 * alone: `duckdbBatch.js <files.json> <out dir> [--dedupe]` reads the raw NDJSON files listed in
 * the JSON file ({ pin, geo, user } → paths) with `read_ndjson`, cleans them with the analyze
 * bench's SQL (every clean column), with `--dedupe` keeps `SELECT DISTINCT *` of each table, writes
 * each table as Parquet partitioned as pinpipe does to `<out>/<table>/`, runs the nine `querySql`
 * results (median lower, ties all: pinpipe batch's defaults) and writes each to
 * `<out>/results/<q>.json` as pinpipe does. Prints `{ seconds, counts }` (the rows each COPY wrote)
 * on stdout. Rejected records are not written.
 */
async function main(): Promise<void> {
  const [filesPath, outDir, ...flags] = process.argv.slice(2);
  if (filesPath === undefined || outDir === undefined) {
    throw new Error("usage: duckdbBatch.js <files.json> <out dir> [--dedupe]");
  }
  const dedupe = flags.includes("--dedupe");
  const files = JSON.parse(readFileSync(filesPath, "utf8"));
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const sql of CLEANING_MACROS) await connection.run(sql);
  for (const sql of cleanTablesSql(files, true)) await connection.run(sql);
  for (const { table, columns } of Object.values(BATCH_TABLES)) {
    const described = await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`);
    const have = described.getRowObjectsJS().map((row) => String(row.column_name));
    const missing = columns.filter((column) => !have.includes(column));
    if (missing.length > 0) throw new Error(`the cleaning SQL gives ${table} no ${missing.join(", ")}`);
    if (dedupe) {
      await connection.run(`ALTER TABLE ${table} RENAME TO ${table}_all`);
      await connection.run(
        `CREATE TABLE ${table} AS SELECT DISTINCT ${columns.map(quote).join(", ")} FROM ${table}_all`,
      );
      await connection.run(`DROP TABLE ${table}_all`);
    }
  }

  mkdirSync(outDir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const name of Object.keys(BATCH_TABLES) as (keyof typeof BATCH_TABLES)[]) {
    const reader = await connection.runAndReadAll(copySql(name, join(outDir, name)));
    counts[name] = Number(reader.getRows()[0]?.[0] ?? Number.NaN);
  }

  // The tables are deduplicated already: the queries read them as they are.
  const options: QueryOptions = { median: "lower", ties: "all", dedupe: false };
  mkdirSync(join(outDir, "results"), { recursive: true });
  for (const name of QUERY_NAMES) {
    const reader = await connection.runAndReadAll(querySql(name, { options }));
    const rows = reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
      );
    writeFileSync(join(outDir, "results", `${name}.json`), resultJson(rows));
  }
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  process.stdout.write(`${JSON.stringify({ seconds, counts })}\n`);
}

await main();
