import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { DuckDBInstance } from "@duckdb/node-api";
import { QUERY_NAMES } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { sqlCommand } from "../../src/commands/sql";
import { main } from "../../src/main";
import { analyzeFolder, referenceOutcome, rowMultiset, TABLES, writeSource } from "../core/jobRunners";
import { loadRawLines, readCleanRows } from "./duckdbCleanSql";
import { sqlTestCorpus } from "./sqlCorpus";

function context(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d) => out.push(String(d)));
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const ctx: CommandContext = { stdout, stderr, interactive: false, cwd, env: {} };
  return { ctx, out: () => out.join(""), err: () => err.join("") };
}

async function printed(args: string[], cwd?: string): Promise<string> {
  const c = context(cwd);
  expect(await sqlCommand.run(args, c.ctx)).toBe(0);
  return c.out();
}

/** DuckDB BIGINT results as numbers, as the TypeScript results hold them. */
const plain = (rows: Record<string, unknown>[]) =>
  rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
  );

const root = mkdtempSync(join(tmpdir(), "pinpipe-sql-"));
const source = join(root, "source");
let lines: Record<TableName, Uint8Array[]>;
let db: DuckDBInstance;

beforeAll(async () => {
  lines = sqlTestCorpus(11, 1500);
  writeSource(source, lines);
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
});

afterAll(() => {
  db?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

/**
 * Runs a printed script on DuckDB over the corpus, statement by statement as a user's client
 * would (DuckDB splits it), and returns the results of the last nine statements: the queries.
 */
async function runScript(script: string): Promise<{
  results: Record<string, unknown[]>;
  connection: Awaited<ReturnType<DuckDBInstance["connect"]>>;
}> {
  const connection = await db.connect();
  for (const table of TABLES) await loadRawLines(connection, table, lines[table]);
  const statements = await connection.extractStatements(script);
  const results: Record<string, unknown[]> = {};
  const firstQuery = statements.count - QUERY_NAMES.length;
  for (let index = 0; index < statements.count; index++) {
    const prepared = await statements.prepare(index);
    // Statements that return no rows (SET, CREATE) are run, not read: reading them never ends.
    if (index < firstQuery) await prepared.run();
    else
      results[QUERY_NAMES[index - firstQuery]!] = plain((await prepared.runAndReadAll()).getRowObjectsJS());
  }
  return { results, connection };
}

describe("pinpipe sql", () => {
  it("is listed, has --help, and requires a known dialect", async () => {
    expect(commands.map((command) => command.name)).toContain("sql");
    const help = context();
    expect(await main(["sql", "--help"], commands, help.ctx)).toBe(0);
    expect(help.out()).toContain("Usage: pinpipe sql --dialect spark|duckdb");
    for (const args of [["sql"], ["sql", "--dialect", "postgres"], ["sql", "--dialect", "duckdb", "extra"]]) {
      const c = context();
      expect(await main(args, commands, c.ctx), args.join(" ")).toBe(2);
      expect(c.err()).toMatch(/^pinpipe sql: /);
    }
  });

  it("prints SQL that DuckDB runs to pinpipe's clean rows and eight results, for every option combination", async () => {
    for (const dedupe of [false, true]) {
      for (const median of ["lower", "exact"] as const) {
        for (const ties of ["all", "first"] as const) {
          const options = { dedupe, median, ties };
          const args = [
            "--dialect",
            "duckdb",
            "--median",
            median,
            "--ties",
            ties,
            "--max-line-bytes",
            "1KiB",
          ];
          const script = await printed(dedupe ? [...args, "--dedupe"] : args);
          const { results, connection } = await runScript(script);
          try {
            const analyzed = await analyzeFolder(source, { ...options, threads: 1, maxLineBytes: 1024 });
            for (const name of QUERY_NAMES) {
              expect(analyzed.results[name].length, `${name} has rows`).toBeGreaterThan(0);
              expect(results[name], `${name} ${JSON.stringify(options)}`).toEqual(
                JSON.parse(JSON.stringify(analyzed.results[name])),
              );
            }
            if (median === "lower" && ties === "all") {
              for (const table of TABLES) {
                const reference = referenceOutcome(table, lines[table], 1024);
                let expected = rowMultiset(reference.rows);
                if (dedupe) expected = [...new Set(expected)].sort();
                expect(rowMultiset(await readCleanRows(connection, table)), `${table} rows`).toEqual(
                  expected,
                );
                expect(analyzed.accounting[table].clean, `${table} clean count`).toBe(expected.length);
              }
            }
          } finally {
            connection.closeSync();
          }
        }
      }
    }
  }, 180_000);

  it("applies --clean-config to the printed SQL", async () => {
    const config = join(root, "clean.json");
    writeFileSync(config, JSON.stringify({ placeholders: { title: ["A title", "it's"] } }));
    const script = await printed(["--dialect", "duckdb", "--clean-config", "clean.json"], root);
    expect(script).toContain("'it''s'");
    expect(script).not.toContain("'No Title Data Available'");
    const spark = await printed(["--dialect", "spark", "--clean-config", "clean.json"], root);
    expect(spark).toContain("'it\\'s'");
    const bad = context(root);
    writeFileSync(config, JSON.stringify({ placeholders: { title: "n/a" } }));
    expect(
      await main(["sql", "--dialect", "duckdb", "--clean-config", "clean.json"], commands, bad.ctx),
    ).toBe(2);
  });

  it("prints with --json every variant a job can pick", async () => {
    const bundle = JSON.parse(await printed(["--dialect", "spark", "--json"]));
    expect(bundle.format).toBe("pinpipe-sql/1");
    expect(Object.keys(bundle.queries).sort()).toEqual([
      "median=exact,ties=all",
      "median=exact,ties=first",
      "median=lower,ties=all",
      "median=lower,ties=first",
    ]);
    expect(bundle.statements.dedupe.at(-1).sql).toContain("SELECT DISTINCT");
    expect(bundle.statements.all.at(-1).sql).not.toContain("SELECT DISTINCT");
  });

  it("ships spark/pinpipe-sql.json as `pinpipe sql --dialect spark --json` prints it", async () => {
    // Compared as JSON: the file is formatted by Biome (npx biome format --write) after printing.
    const shipped = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../../../spark/pinpipe-sql.json"), "utf8"),
    );
    expect(shipped, "regenerate: pinpipe sql --dialect spark --json > spark/pinpipe-sql.json").toEqual(
      JSON.parse(await printed(["--dialect", "spark", "--json"])),
    );
  });
});
