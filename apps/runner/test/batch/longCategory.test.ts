import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { DuckDBInstance } from "@duckdb/node-api";
import { hivePartitionSegment } from "@pinpipe/core";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { queryDuckDb } from "./queryDuckDb";

const LONG = `${"long category ".repeat(20)}ünï ✓ a/b=c`;
const LONG_TWIN = `${"long category ".repeat(20)}ünï ✓ a/b=d`;
const PINS = [
  { index: 1, title: "long", category: LONG },
  { index: 2, title: "twin", category: LONG_TWIN },
  { index: 3, title: "ordinary", category: "art" },
  { index: 4, title: "none", category: null },
];

async function pinpipe(args: readonly string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const context: CommandContext = {
    stdout: new PassThrough(),
    stderr,
    interactive: false,
    cwd: process.cwd(),
    env: {},
  };
  const code = await main(args, commands, context);
  return { code, err: err.join("") };
}

/** The rows of each folder's Parquet files (part-00000.parquet, part-00001.parquet…), read by hyparquet. */
async function pinFiles(pinDir: string): Promise<Record<string, Record<string, unknown>[]>> {
  const files: Record<string, Record<string, unknown>[]> = {};
  for (const folder of readdirSync(pinDir).sort()) {
    const parts = readdirSync(join(pinDir, folder)).sort();
    expect(parts[0]).toBe("part-00000.parquet");
    files[folder] = [];
    for (const part of parts) {
      expect(part).toMatch(/^part-\d{5}\.parquet$/);
      const bytes = readFileSync(join(pinDir, folder, part));
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
      files[folder].push(...(await parquetReadObjects({ file })));
    }
  }
  return files;
}

describe("pinpipe batch with categories too long for a folder name", () => {
  let work: string;
  let pinDir: string;
  let db: DuckDBInstance;

  const query = (sql: string) => queryDuckDb(db, sql);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "pinpipe-long-category-"));
    const source = join(work, "source");
    mkdirSync(source);
    writeFileSync(
      join(source, "pinterest_data.ndjson"),
      PINS.map((pin) => `${JSON.stringify(pin)}\n`).join(""),
    );
    const run = await pinpipe(["batch", "--source", source, "--out", join(work, "out"), "--run-id", "r"]);
    expect(run.code, run.err).toBe(0);
    pinDir = join(work, "out", "runs", "r", "tables", "pin");
    db = await DuckDBInstance.create(":memory:");
  });

  afterAll(() => {
    db?.closeSync();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("gives each long category its own shortened folder", () => {
    const folders = readdirSync(pinDir).sort();
    expect(folders).toEqual(
      [null, "art", LONG, LONG_TWIN].map((category) => hivePartitionSegment("category", category)).sort(),
    );
    expect(folders.filter((folder) => /~[0-9a-f]{16}$/.test(folder))).toHaveLength(2);
  });

  it("keeps the whole category in every pin file, shortened folder or not", async () => {
    const files = await pinFiles(pinDir);
    const expected = Object.fromEntries(
      PINS.map((pin) => [
        hivePartitionSegment("category", pin.category),
        [{ title: pin.title, category: pin.category }],
      ]),
    );
    expect(
      Object.fromEntries(
        Object.entries(files).map(([folder, rows]) => [
          folder,
          rows.map((row) => ({ title: row.title, category: row.category })),
        ]),
      ),
    ).toEqual(expected);
  });

  it("gives every category whole to DuckDB reading the files without Hive partitioning", async () => {
    const rows = await query(
      `SELECT title, category FROM read_parquet('${pinDir}/*/*.parquet', hive_partitioning=false) ORDER BY title`,
    );
    expect(rows).toEqual([
      { title: "long", category: LONG },
      { title: "none", category: null },
      { title: "ordinary", category: "art" },
      { title: "twin", category: LONG_TWIN },
    ]);
  });

  it("gives DuckDB with Hive partitioning the folder value, shortened only for the long categories", async () => {
    const rows = await query(
      `SELECT title, category FROM read_parquet('${pinDir}/*/*.parquet', hive_partitioning=true) ORDER BY title`,
    );
    const folderValue = (category: string) =>
      hivePartitionSegment("category", category).slice("category=".length);
    expect(rows).toEqual([
      { title: "long", category: folderValue(LONG) },
      { title: "none", category: null },
      { title: "ordinary", category: "art" },
      { title: "twin", category: folderValue(LONG_TWIN) },
    ]);
    expect(folderValue(LONG)).not.toBe(LONG);
  });
});
