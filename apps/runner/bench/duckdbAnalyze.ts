import { DuckDBInstance } from "@duckdb/node-api";
import { QUERY_NAMES, type QueryOptions, querySql } from "@pinpipe/analytics";
import { CLEANING_MACROS, cleanTablesSql } from "./duckdbCleanSql";

/**
 * The DuckDB side of the analyze bench, run as its own process so its time and memory are
 * measured alone: `duckdbAnalyze.ts <files.json> [--dedupe]` reads the raw NDJSON files listed in
 * the JSON file ({ pin, geo, user } → paths), cleans them in SQL, runs the nine `querySql` queries
 * and prints `{ seconds, results }` (BIGINTs as numbers) on stdout.
 */
async function main(): Promise<void> {
  const [filesPath, ...flags] = process.argv.slice(2);
  if (filesPath === undefined) throw new Error("usage: duckdbAnalyze.ts <files.json> [--dedupe]");
  const { readFileSync } = await import("node:fs");
  const files = JSON.parse(readFileSync(filesPath, "utf8"));
  const options: QueryOptions = { dedupe: flags.includes("--dedupe") };
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const sql of CLEANING_MACROS) await connection.run(sql);
  for (const sql of cleanTablesSql(files, options.dedupe === true)) await connection.run(sql);
  const results: Record<string, unknown[]> = {};
  for (const name of QUERY_NAMES) {
    const reader = await connection.runAndReadAll(querySql(name, { options }));
    results[name] = reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
      );
  }
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  process.stdout.write(`${JSON.stringify({ seconds, results })}\n`);
}

await main();
