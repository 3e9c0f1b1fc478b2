import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchManifest } from "@pinpipe/core";
import { writeKafkaConnectLayout } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { memoryContext } from "../stream/commandContext";
import { type RawLines, rawLines, recordCount, TABLES } from "./rawTopicsFixture";

async function batch(...args: string[]) {
  const io = memoryContext();
  const code = await main(["batch", "--format", "parquet", "--run-id", "r1", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const LAYOUT = { partitions: 2, recordsPerObject: 25, serialized: true } as const;

async function writeTopics(dir: string, prefix: string, lines: RawLines): Promise<void> {
  for (const table of TABLES) await writeKafkaConnectLayout(dir, prefix, table, lines[table], LAYOUT);
}

const manifestOf = (out: string): BatchManifest =>
  JSON.parse(readFileSync(join(out, "runs/r1/manifest.json"), "utf8"));

const resultsOf = (out: string): Record<string, string> => {
  const folder = join(out, "runs/r1/results");
  return Object.fromEntries(
    readdirSync(folder).map((file) => [file, readFileSync(join(folder, file), "utf8")]),
  );
};

describe("pinpipe batch --topics-regex", () => {
  const folders: string[] = [];
  const newFolder = (): string => {
    const folder = mkdtempSync(join(tmpdir(), "pinpipe-topics-regex-"));
    folders.push(folder);
    return folder;
  };
  let mixed: string;
  let keepOnly: string;
  let keep: RawLines;
  let drop: RawLines;
  beforeAll(async () => {
    keep = rawLines(90, 7);
    drop = rawLines(60, 8);
    // One folder with two runs' topics (prefixes keep and drop) and a plain NDJSON export.
    mixed = newFolder();
    await writeTopics(mixed, "keep", keep);
    await writeTopics(mixed, "drop", drop);
    mkdirSync(join(mixed, "exports"));
    writeFileSync(join(mixed, "exports/pin_data.ndjson"), '{"index": 1, "title": "not of a topic"}\n');
    keepOnly = newFolder();
    await writeTopics(keepOnly, "keep", keep);
  });
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("reads only the topics the expression matches: the same counts and results as a folder holding only them", async () => {
    const filtered = newFolder();
    const run = await batch("--source", mixed, "--out", filtered, "--topics-regex", "keep\\.(pin|geo|user)");
    expect(run.code, run.stderr).toBe(0);
    const dropObjects = TABLES.reduce(
      (sum, table) =>
        sum +
        readdirSync(join(mixed, `topics/drop.${table}`), { recursive: true }).filter((f) =>
          String(f).endsWith(".json"),
        ).length,
      0,
    );
    expect(dropObjects).toBeGreaterThan(3);
    expect(run.stderr).toContain(
      `left out ${dropObjects} files of 3 other topics (drop.geo, drop.pin, drop.user) and 1 record files of no topic`,
    );
    const alone = newFolder();
    expect((await batch("--source", keepOnly, "--out", alone)).code).toBe(0);

    const manifest = manifestOf(filtered);
    for (const table of TABLES) expect(manifest.counts[table].in).toBe(recordCount(keep, table));
    expect(manifest.counts).toEqual(manifestOf(alone).counts);
    expect(resultsOf(filtered)).toEqual(resultsOf(alone));
    // Rejected records come from keep's objects only.
    const rejected = readFileSync(join(filtered, "runs/r1/rejected/geo.ndjson"), "utf8").trim().split("\n");
    expect(rejected.length).toBeGreaterThan(0);
    for (const line of rejected) expect(JSON.parse(line).position.file).toMatch(/^topics\/keep\.geo\//);

    // Without the filter every record file is read: both prefixes and the export.
    const everything = newFolder();
    expect((await batch("--source", mixed, "--out", everything)).code).toBe(0);
    const all = manifestOf(everything).counts;
    expect(all.pin.in).toBe(recordCount(keep, "pin") + recordCount(drop, "pin") + 1);
    expect(all.geo.in).toBe(recordCount(keep, "geo") + recordCount(drop, "geo"));
  });

  it("matches whole topic names, as Kafka Connect's topics.regex: a prefix alone matches nothing", async () => {
    const out = newFolder();
    const run = await batch("--source", mixed, "--out", out, "--topics-regex", "keep");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `--topics-regex matches none of the 6 topics in ${mixed}: drop.geo, drop.pin, drop.user, keep.geo, keep.pin, keep.user`,
    );
    expect(run.stderr).toContain("(see pinpipe batch --help)");
    expect(readdirSync(out)).toEqual([]);
    const pins = newFolder();
    const pinsRun = await batch("--source", mixed, "--out", pins, "--topics-regex", ".*\\.pin");
    expect(pinsRun.code, pinsRun.stderr).toBe(0);
    const counts = manifestOf(pins).counts;
    expect(counts.pin.in).toBe(recordCount(keep, "pin") + recordCount(drop, "pin"));
    expect(counts.geo.in).toBe(0);
  });

  it("is a usage error (exit 2) for an invalid or empty expression, and for a source without topics", async () => {
    const out = newFolder();
    const invalid = await batch("--source", mixed, "--out", out, "--topics-regex", "keep\\.(pin");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/--topics-regex keep\\\.\(pin: not a regular expression \(.+\)/);
    const empty = await batch("--source", mixed, "--out", out, "--topics-regex", "");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--topics-regex must not be empty");
    const plain = newFolder();
    writeFileSync(join(plain, "pin.ndjson"), '{"index": 1}\n');
    const noTopics = await batch("--source", plain, "--out", out, "--topics-regex", ".*");
    expect(noTopics.code).toBe(2);
    expect(noTopics.stderr).toContain(`${plain} holds no Kafka Connect object`);
    expect(readdirSync(out)).toEqual([]);
  });

  it("documents the option in --help", async () => {
    const help = await batch("--help");
    expect(help.stdout).toMatch(/--topics-regex <regex>\s+Read only the Kafka Connect objects/);
  });
});
