import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CleanOptions, TableName } from "@pinpipe/clean";
import { afterAll, describe, expect, it } from "vitest";
import { cleanConfigOption } from "../../src/cleanConfigOption";
import {
  analyzeFolder,
  batchFolder,
  DEFAULT_JOB_OPTIONS,
  referenceOutcome,
  rowMultiset,
  streamTable,
  TABLES,
  writeSource,
} from "./jobRunners";

const root = mkdtempSync(join(tmpdir(), "pinpipe-clean-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LIMIT = 64 * 1024;
const TITLES = ["n/a", "n/a", "No Title Data Available", "Real title", "Another", "Third"];
const COUNTRIES = ["Nowhere", "Nowhere", "Nowhere", "Chad", "Chad", "Peru"];
const CATEGORIES = ["art", "art", "diy", "art", "travel", "travel"];

const line = (record: object) => Buffer.from(JSON.stringify(record), "utf8");
const LINES: Record<TableName, Uint8Array[]> = {
  pin: TITLES.map((title, index) =>
    line({
      index,
      unique_id: `u-${index}`,
      title,
      description: "words",
      poster_name: `Poster ${index}`,
      follower_count: `${index + 1}k`,
      tag_list: "a,b",
      is_image_or_video: "image",
      image_src: "https://x/y.jpg",
      downloaded: 1,
      save_location: `Local save in /data/${CATEGORIES[index]}`,
      category: CATEGORIES[index],
    }),
  ),
  geo: COUNTRIES.map((country, ind) =>
    line({ ind, timestamp: "2020-01-02 03:04:05", latitude: 1.5, longitude: 2.5, country }),
  ),
  user: COUNTRIES.map((_, ind) =>
    line({ ind, first_name: "Ada", last_name: "L", age: 20 + ind * 5, date_joined: "2016-02-29 08:00:00" }),
  ),
};

/** The config, read from a file as `--clean-config` reads it. */
function loadConfig(): CleanOptions {
  const file = join(root, "clean.json");
  writeFileSync(file, JSON.stringify({ placeholders: { title: ["n/a"], country: ["Nowhere"] } }));
  const clean = cleanConfigOption("batch", file, root);
  expect(clean?.placeholders).toEqual({ title: ["n/a"], country: ["Nowhere"] });
  return clean!;
}

/** Analyze, batch and the stream's clean step on the same lines, with or without the config. */
async function runAll(name: string, clean: CleanOptions | undefined) {
  const source = join(root, `${name}-source`);
  writeSource(source, LINES);
  const analyzed = await analyzeFolder(source, {
    ...DEFAULT_JOB_OPTIONS,
    threads: 1,
    maxLineBytes: LIMIT,
    clean,
  });
  const batch = await batchFolder(source, join(root, "out"), name, {
    ...DEFAULT_JOB_OPTIONS,
    maxLineBytes: LIMIT,
    clean,
  });
  const stream = {} as Record<TableName, Awaited<ReturnType<typeof streamTable>>>;
  for (const table of TABLES)
    stream[table] = await streamTable(table, LINES[table], LIMIT, { batchSize: 4, clean });
  return { analyzed, batch, stream };
}

const titleOf = (rows: Record<string, unknown>[], ind: number) => rows.find((row) => row.ind === ind)?.title;

describe("one clean config changes analyze, batch and the stream alike", () => {
  it("overrides the title and country placeholders on every job, against a run without it", async () => {
    const clean = loadConfig();
    const plain = await runAll("plain", undefined);
    const configured = await runAll("configured", clean);

    for (const [runName, run, options] of [
      ["plain", plain, undefined],
      ["configured", configured, clean],
    ] as const) {
      for (const table of TABLES) {
        const reference = referenceOutcome(table, LINES[table], LIMIT, options);
        const label = `${runName} ${table}`;
        expect(run.analyzed.accounting[table], `${label}: analyze counts`).toEqual(reference.counts);
        expect(run.batch.manifest.counts[table], `${label}: batch manifest counts`).toEqual(reference.counts);
        expect(run.stream[table].counts, `${label}: stream counts`).toEqual(reference.counts);
        expect(rowMultiset(run.batch.tables[table].rows), `${label}: batch Parquet`).toEqual(
          rowMultiset(reference.rows),
        );
        expect(run.stream[table].rows, `${label}: stream Parquet`).toEqual(reference.rows);
      }
    }

    // The counts: the config's lists replace the defaults for title and country.
    const rule = (run: typeof plain, table: TableName, field: string) => ({
      placeholder: run.analyzed.accounting[table].byRule.placeholder ?? 0,
      field: run.analyzed.accounting[table].byField[field] ?? 0,
    });
    expect(rule(plain, "pin", "title").field).toBe(1);
    expect(rule(configured, "pin", "title").field).toBe(2);
    expect(rule(plain, "geo", "country")).toEqual({ placeholder: 0, field: 0 });
    expect(rule(configured, "geo", "country")).toEqual({ placeholder: 3, field: 3 });
    for (const run of [plain, configured]) {
      expect(run.batch.manifest.counts.pin.byField.title).toBe(run.analyzed.accounting.pin.byField.title);
      expect(run.stream.geo.counts.byRule.placeholder ?? 0).toBe(
        run.analyzed.accounting.geo.byRule.placeholder ?? 0,
      );
    }

    // The clean rows: "n/a" is a title without the config, a placeholder (null) with it, and the
    // default "No Title Data Available" is a title again; "Nowhere" becomes a null country.
    for (const rows of [plain.batch.tables.pin.rows, plain.stream.pin.rows]) {
      expect([titleOf(rows, 0), titleOf(rows, 2)]).toEqual(["n/a", null]);
    }
    for (const rows of [configured.batch.tables.pin.rows, configured.stream.pin.rows]) {
      expect([titleOf(rows, 0), titleOf(rows, 2)]).toEqual([null, "No Title Data Available"]);
    }
    const countries = (rows: Record<string, unknown>[]) => rows.map((row) => row.country).sort();
    expect(countries(configured.batch.tables.geo.rows)).toEqual(["Chad", "Chad", "Peru", null, null, null]);
    expect(countries(configured.stream.geo.rows)).toEqual(countries(configured.batch.tables.geo.rows));
    expect(countries(plain.batch.tables.geo.rows)).toEqual([
      "Chad",
      "Chad",
      "Nowhere",
      "Nowhere",
      "Nowhere",
      "Peru",
    ]);

    // A query result: "Nowhere" is its own country without the config, the null group with it.
    expect(plain.analyzed.results.q1).toContainEqual({
      country: "Nowhere",
      category: "art",
      category_count: 2,
    });
    expect(plain.analyzed.results.q1.some((row) => row.country === null)).toBe(false);
    expect(configured.analyzed.results.q1).toContainEqual({
      country: null,
      category: "art",
      category_count: 2,
    });
    expect(configured.analyzed.results.q1.some((row) => row.country === "Nowhere")).toBe(false);
    for (const run of [plain, configured]) {
      expect(run.batch.manifest.results.q1.rows).toBe(run.analyzed.results.q1.length);
    }

    // The manifest records the config's lists, and only when there is one.
    expect(plain.batch.manifest.options).not.toHaveProperty("placeholders");
    expect(configured.batch.manifest.options.placeholders).toEqual({ title: ["n/a"], country: ["Nowhere"] });
  });
});
