import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { analyze, QUERY_NAMES } from "@pinpipe/analytics";
import { type CleanRecordByTable, cleanerFor, keyLiteralIssue, type TableName } from "@pinpipe/clean";
import type { BatchManifest } from "@pinpipe/core";
import { hivePartitionSegment, RESULT_COLUMNS } from "@pinpipe/core";
import { createS3Client, generatePostLines, getS3Object } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findInputFiles } from "../../src/analyze/findInputFiles";
import { planReadTasks, readPlanSizesFor } from "../../src/analyze/planReadTasks";
import { tableOfPath } from "../../src/analyze/tableOfPath";
import { NoRecordsError, runBatch } from "../../src/batch/runBatch";
import { SourceError } from "../../src/batch/sourceError";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { LocalOutputSink } from "../../src/output/index";
import { parseRunManifest } from "../../src/report/parseRunManifest";
import { expectedResults } from "../analyze/expectedResults";
import { queryDuckDb } from "./queryDuckDb";
import {
  type RawLines,
  rawLines,
  recordCount,
  TABLES,
  writeLocalTopics,
  writeS3Topics,
} from "./rawTopicsFixture";

async function pinpipe(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d) => out.push(String(d)));
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const context: CommandContext = { stdout, stderr, interactive: false, cwd: process.cwd(), env };
  const code = await main(args, commands, context);
  return { code, out: out.join(""), err: err.join("") };
}

function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const hashes = (dir: string) =>
  Object.fromEntries(listFiles(dir).map((f) => [f, sha256(readFileSync(join(dir, f)))]));
const readManifest = (runDir: string): BatchManifest =>
  JSON.parse(readFileSync(join(runDir, "manifest.json"), "utf8"));

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const RUN_ID = "2026-11-23";

describe("pinpipe batch", () => {
  let lines: RawLines;
  let rawDir: string;
  let work: string;
  let s3: LocalS3Server;
  let client: S3Client;
  let db: DuckDBInstance;
  let s3Env: NodeJS.ProcessEnv;
  /** The local run every other run is compared with: default options, run id {@link RUN_ID}. */
  let baseline: {
    code: number;
    out: string;
    err: string;
    dir: string;
    runDir: string;
    hashes: Record<string, string>;
  };

  const query = (sql: string) => queryDuckDb(db, sql);

  /** Runs over a small source that crosses both size limits, from a folder (run "l") and from S3 (run "s"), once. */
  let limitRunsOnce: ReturnType<typeof runLimits> | undefined;
  const limitRuns = () => (limitRunsOnce ??= runLimits());
  async function runLimits() {
    const long = JSON.stringify({ index: 99_999, title: "t".repeat(1100), category: "art" });
    const users = lines.user.slice(4, 34);
    const kept = `${users.slice(0, 20).join("\n")}\n`;
    // The limit cuts the 21st user line: 20 lines are read, the rest is one rejected record.
    const limit = Buffer.byteLength(kept) + 10;
    const objects: Record<string, Uint8Array> = {
      "topics/0a1b2c.pin/partition=0/0a1b2c.pin+0+0000000000.json": Buffer.from(
        `${[...lines.pin.slice(4, 8), long, ...lines.pin.slice(8, 14)].join("\n")}\n`,
      ),
      "topics/0a1b2c.geo/partition=0/0a1b2c.geo+0+0000000000.json": Buffer.from(
        `${lines.geo.slice(4, 14).join("\n")}\n`,
      ),
      "topics/0a1b2c.user/partition=0/0a1b2c.user+0+0000000000.json.gz": gzipSync(`${users.join("\n")}\n`),
    };
    const source = join(work, "limits-raw");
    for (const [key, body] of Object.entries(objects)) {
      mkdirSync(join(source, key, ".."), { recursive: true });
      writeFileSync(join(source, key), body);
      await client.send(new PutObjectCommand({ Bucket: "raw", Key: `limits/${key}`, Body: body }));
    }
    const limits = ["--max-line-bytes", "1KiB", "--max-decompressed-bytes", String(limit)];
    const out = join(work, "limits");
    const local = await pinpipe(["batch", "--source", source, "--out", out, "--run-id", "l", ...limits]);
    const remote = await pinpipe(
      ["batch", "--source", "s3://raw/limits", "--out", out, "--run-id", "s", ...limits],
      s3Env,
    );
    return { out, objects, limit, long, local, remote };
  }

  beforeAll(async () => {
    lines = rawLines(500, 11);
    [rawDir, s3] = await Promise.all([writeLocalTopics(lines), startLocalS3({ buckets: ["raw", "lake"] })]);
    client = createS3Client({ endpoint: s3.endpoint, env: {} });
    s3Env = { AWS_ENDPOINT_URL: s3.endpoint };
    await writeS3Topics(client, "raw", "feed", lines);
    work = mkdtempSync(join(tmpdir(), "pinpipe-batch-out-"));
    db = await DuckDBInstance.create(":memory:");
    const dir = join(work, "local");
    const result = await pinpipe(["batch", "--source", rawDir, "--out", dir, "--run-id", RUN_ID]);
    const runDir = join(dir, "runs", RUN_ID);
    baseline = { ...result, dir, runDir, hashes: result.code === 0 ? hashes(runDir) : {} };
  });

  afterAll(async () => {
    db?.closeSync();
    client?.destroy();
    await s3?.stop();
    for (const dir of [rawDir, work]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("writes the run layout from a local Kafka Connect folder; Parquet read back with DuckDB holds the clean records in read order", async () => {
    const { code, out: stdout, err, runDir } = baseline;
    expect(err).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(stdout).toBe(`${runDir}\n`);

    const manifest = readManifest(runDir);
    expect(manifest).toMatchObject({
      format: "pinpipe-batch/1",
      runId: RUN_ID,
      source: rawDir,
      // Dedupe is off by default, as in analyze.
      options: { dedupe: false, median: "lower", ties: "all" },
      skipped: [],
    });
    expect(manifest.options).not.toHaveProperty("placeholders");
    // pinpipe report reads it: the manifest satisfies its schema.
    const reported = parseRunManifest(readFileSync(join(runDir, "manifest.json"), "utf8"), "manifest.json");
    for (const table of TABLES) {
      const { byRule, byField, byReason, ...totals } = manifest.counts[table];
      expect(reported.counts[table]).toMatchObject(totals);
      // Every rule and field name, whatever it is.
      expect(Object.entries(reported.counts[table].byRule)).toEqual(Object.entries(byRule));
      expect(Object.entries(reported.counts[table].byField)).toEqual(Object.entries(byField));
    }
    // Every file on disk is listed with its size and hash, and nothing else is there.
    const files = listFiles(runDir);
    expect(files).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
    for (const file of manifest.files) {
      const bytes = readFileSync(join(runDir, file.path));
      expect({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
        path: file.path,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    }
    for (const name of QUERY_NAMES) {
      expect(files).toContain(`results/${name}.json`);
      expect(files).toContain(`results/${name}.csv`);
    }
    expect(files.filter((f) => f.startsWith("rejected/"))).toEqual([
      "rejected/geo.ndjson",
      "rejected/pin.ndjson",
      "rejected/user.ndjson",
    ]);
    expect(
      files.filter((f) => /^tables\/pin\/category=[^/]+\/part-00000\.parquet$/.test(f)).length,
    ).toBeGreaterThan(5);
    expect(
      files.filter((f) => /^tables\/geo\/post_year=[^/]+\/part-00000\.parquet$/.test(f)).length,
    ).toBeGreaterThan(2);
    expect(
      files.filter((f) => /^tables\/user\/join_year=[^/]+\/part-00000\.parquet$/.test(f)).length,
    ).toBeGreaterThan(2);
    expect(files.every((f) => /^(tables|rejected|results)\/|^manifest\.json$/.test(f))).toBe(true);

    // Every clean record, duplicates kept, is in the Parquet file of its partition, in read order
    // (file path order, then line order).
    const read = readOrderLines(rawDir);
    const expected = cleanInReadOrder(read);
    await expectTablesInReadOrder(db, runDir, expected);

    // Every record is accounted for, per table, exactly as analyze counts them.
    const { counts: expectedCounts } = expectedResults(read, { dedupe: false });
    for (const table of TABLES) {
      const counts = manifest.counts[table];
      expect(counts, table).toEqual(expectedCounts[table]);
      expect(Object.keys(counts.byReason)).toEqual([
        "invalid_json",
        "too_long",
        "not_an_object",
        "missing_key",
        "invalid_key",
      ]);
      expect(counts.in, table).toBe(recordCount(lines, table));
      expect(counts.in).toBe(counts.clean + counts.rejected + counts.duplicates);
      expect(Object.values(counts.byReason).reduce((a, b) => a + b, 0)).toBe(counts.rejected);
      expect(counts.clean).toBe(expected[table].length);
      expect(counts.duplicates).toBe(0);
      expect(counts.rejected).toBeGreaterThanOrEqual(2);
      const sum = (record: Readonly<Record<string, number>>) =>
        Object.values(record).reduce((a, b) => a + b, 0);
      expect(sum(counts.byRule)).toBe(sum(counts.byField));
      const rejected = readFileSync(join(runDir, `rejected/${table}.ndjson`), "utf8").split("\n");
      expect(rejected.pop()).toBe("");
      expect(rejected).toHaveLength(counts.rejected);
      const entries = rejected.map((line) => JSON.parse(line));
      // In read order.
      const order = entries.map((entry) => [entry.position.file, entry.position.line]);
      expect(order).toEqual(
        [...order].sort(([f, l], [g, m]) => (f < g ? -1 : f > g ? 1 : (l as number) - (m as number))),
      );
      for (const entry of entries) {
        expect(Object.keys(entry)).toEqual(["position", "reason", "raw", "rawEncoding", "issues"]);
        expect(Object.keys(entry.position)).toEqual(["file", "line", "byteOffset"]);
        expect(entry.position.file).toMatch(new RegExp(`^topics/0a1b2c\\.${table}/partition=\\d/`));
        // raw is the line exactly as read, and the position points at it.
        const source = readFileSync(join(rawDir, entry.position.file), "utf8").split("\n");
        expect(entry.position.line).toBeGreaterThan(0);
        expect(entry.raw).toBe(source[entry.position.line - 1]);
        expect(entry.position.byteOffset).toBe(
          Buffer.byteLength(source.slice(0, entry.position.line - 1).join("\n")) +
            (entry.position.line > 1 ? 1 : 0),
        );
        expect(entry.rawEncoding).toBe("text");
        expect(entry.issues.length).toBeGreaterThan(0);
        expect(entry.issues).toContainEqual(expect.objectContaining({ rule: entry.reason }));
      }
      const byReason: Record<string, number> = Object.fromEntries(
        Object.keys(counts.byReason).map((reason) => [reason, 0]),
      );
      for (const entry of entries) byReason[entry.reason] = (byReason[entry.reason] ?? 0) + 1;
      expect(byReason).toEqual(counts.byReason);
    }
    const rejectedOf = (table: string) =>
      readFileSync(join(runDir, `rejected/${table}.ndjson`), "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
    expect(rejectedOf("geo")).toContainEqual({
      position: expect.anything(),
      reason: "invalid_json",
      raw: "not json",
      rawEncoding: "text",
      issues: [{ field: "$", value: expect.stringMatching(/JSON/), rule: "invalid_json" }],
    });
    expect(rejectedOf("geo")).toContainEqual({
      position: expect.anything(),
      reason: "invalid_key",
      raw: '{"ind": -3, "country": "Chad"}',
      rawEncoding: "text",
      issues: [{ field: "ind", value: -3, rule: "invalid_key" }],
    });
    expect(rejectedOf("pin")).toContainEqual({
      position: expect.anything(),
      reason: "invalid_json",
      raw: '{"index": 5, "title": "cut off',
      rawEncoding: "text",
      issues: [{ field: "$", value: expect.any(String), rule: "invalid_json" }],
    });
    expect(rejectedOf("pin")).toContainEqual({
      position: expect.anything(),
      reason: "missing_key",
      raw: '{"title": "no key"}',
      rawEncoding: "text",
      issues: [{ field: "ind", value: null, rule: "missing_key" }],
    });
    expect(rejectedOf("user")).toContainEqual({
      position: expect.anything(),
      reason: "invalid_key",
      raw: '{"ind": "seven"}',
      rawEncoding: "text",
      issues: [{ field: "ind", value: "seven", rule: "invalid_key" }],
    });
  });
  it("computes the query results analyze() and pinpipe analyze give for the same input and options; --dedupe keeps the first of equal records", async () => {
    const out = join(work, "options");
    const { code } = await pinpipe([
      "batch",
      "--source",
      rawDir,
      "--out",
      out,
      "--run-id",
      "r1",
      "--dedupe",
      "--median",
      "exact",
      "--ties",
      "first",
    ]);
    expect(code).toBe(0);
    const runDir = join(out, "runs", "r1");
    const read = readOrderLines(rawDir);
    const all = cleanInReadOrder(read);
    const expected = analyze(all, { dedupe: true, median: "exact", ties: "first" });
    const analyzed = await pinpipe([
      "analyze",
      rawDir,
      "--json",
      "--dedupe",
      "--median",
      "exact",
      "--ties",
      "first",
      "--workers",
      "0",
    ]);
    expect(analyzed.code).toBe(0);
    const manifest = readManifest(runDir);
    expect(manifest.options).toEqual({
      dedupe: true,
      median: "exact",
      ties: "first",
      maxLineBytes: 16 * 1024 * 1024,
      maxDecompressedBytes: 1024 ** 3,
    });
    for (const name of QUERY_NAMES) {
      const rows = JSON.parse(readFileSync(join(runDir, `results/${name}.json`), "utf8"));
      expect(rows, name).toEqual(JSON.parse(JSON.stringify(expected[name])));
      expect(rows, name).toEqual(JSON.parse(analyzed.out)[name]);
      const csv = readFileSync(join(runDir, `results/${name}.csv`), "utf8");
      expect(csv.split("\r\n")[0]).toBe(RESULT_COLUMNS[name].join(","));
      expect(csv.split("\r\n")).toHaveLength(rows.length + 2);
      expect(manifest.results[name]).toEqual({
        json: `results/${name}.json`,
        csv: `results/${name}.csv`,
        rows: rows.length,
      });
    }
    // Deduplicated: the first of every group of equal clean records, still in read order.
    const deduped = dedupeFirst(all);
    await expectTablesInReadOrder(db, runDir, deduped);
    const { counts } = expectedResults(read, { dedupe: true });
    for (const table of TABLES) {
      expect(manifest.counts[table], table).toEqual(counts[table]);
      expect(manifest.counts[table].duplicates, table).toBe(all[table].length - deduped[table].length);
      expect(manifest.counts[table].duplicates, table).toBeGreaterThan(0);
    }

    // --no-dedupe (the default) keeps duplicates, and the results follow.
    expect(
      (await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", "r2", "--no-dedupe"])).code,
    ).toBe(0);
    const kept = readManifest(join(out, "runs", "r2"));
    expect(kept.options.dedupe).toBe(false);
    expect(kept.counts.pin.duplicates).toBe(0);
    expect(kept.counts.pin.clean).toBe(all.pin.length);
    const keptQ1 = JSON.parse(readFileSync(join(out, "runs", "r2", "results/q1.json"), "utf8"));
    expect(keptQ1).toEqual(JSON.parse(JSON.stringify(analyze(all, { dedupe: false }).q1)));
    // Without --no-dedupe it is the baseline, byte for byte.
    const defaults = readManifest(baseline.runDir);
    expect(kept.counts).toEqual(defaults.counts);
    expect(kept.files).toEqual(defaults.files);
  });

  it("reads the same layout from S3 and writes to S3: tables and results byte-identical to the local run", async () => {
    const { code, out, err } = await pinpipe(
      ["batch", "--source", "s3://raw/feed", "--out", "s3://lake/pinpipe", "--run-id", RUN_ID],
      s3Env,
    );
    expect(err).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(out).toBe(`s3://lake/pinpipe/runs/${RUN_ID}\n`);
    const s3Manifest = JSON.parse(
      new TextDecoder().decode(await getObject(client, "lake", `pinpipe/runs/${RUN_ID}/manifest.json`)),
    ) as BatchManifest;
    const localManifest = readManifest(baseline.runDir);
    expect(s3Manifest.source).toBe("s3://raw/feed");
    expect(s3Manifest.counts).toEqual(localManifest.counts);
    const comparable = (manifest: BatchManifest) =>
      manifest.files.filter((f) => !f.path.startsWith("rejected/"));
    expect(comparable(s3Manifest)).toEqual(comparable(localManifest));
    for (const file of s3Manifest.files) {
      const bytes = await getObject(client, "lake", `pinpipe/runs/${RUN_ID}/${file.path}`);
      expect(sha256(bytes), file.path).toBe(file.sha256);
    }
    // The rejected records are the same, only their positions name S3 keys.
    for (const table of TABLES) {
      const fromS3 = new TextDecoder().decode(
        await getObject(client, "lake", `pinpipe/runs/${RUN_ID}/rejected/${table}.ndjson`),
      );
      const fromLocal = readFileSync(join(baseline.runDir, `rejected/${table}.ndjson`), "utf8");
      const asS3 = fromLocal
        .split("\n")
        .map((line) => line.replace(/^\{"position":\{"file":"/, '{"position":{"key":"feed/'))
        .join("\n");
      expect(fromS3.length).toBeGreaterThan(0);
      expect(fromS3).toBe(asS3);
    }
  });

  it("rejects lines over --max-line-bytes and the rest of a .gz object past --max-decompressed-bytes as too_long, from a folder and from S3 alike", async () => {
    const { out, objects, limit, long, local, remote } = await limitRuns();
    expect([local.code, remote.code], local.err + remote.err).toEqual([0, 0]);
    const [fromFolder, fromS3] = [readManifest(join(out, "runs", "l")), readManifest(join(out, "runs", "s"))];
    expect(fromFolder.options).toMatchObject({ maxLineBytes: 1024, maxDecompressedBytes: limit });
    expect(fromS3.counts).toEqual(fromFolder.counts);
    const { pin, geo, user } = fromFolder.counts;
    // 10 pins and the long one; 10 geo records; 20 users and the rest of the .gz as one record.
    expect([pin.in, geo.in, user.in]).toEqual([11, 10, 21]);
    for (const counts of [pin, geo, user]) {
      expect(counts.in).toBe(counts.clean + counts.rejected + counts.duplicates);
    }
    expect(pin.byReason.too_long).toBe(1);
    expect(user.byReason.too_long).toBe(1);
    expect(geo.byReason.too_long).toBe(0);
    expect(pin.byRule.too_long).toBe(1);
    expect(user.byRule.too_long).toBe(1);

    const tooLong = { field: "$", value: "longer than the line limit", rule: "too_long" };
    expect(rejectedEntries(join(out, "runs", "l"), "pin")).toContainEqual({
      position: { file: Object.keys(objects)[0], line: 5, byteOffset: expect.any(Number) },
      reason: "too_long",
      raw: null,
      rawEncoding: null,
      issues: [tooLong],
    });
    expect(rejectedEntries(join(out, "runs", "s"), "pin")).toContainEqual({
      position: { key: `limits/${Object.keys(objects)[0]}`, line: 5, byteOffset: expect.any(Number) },
      reason: "too_long",
      raw: null,
      rawEncoding: null,
      issues: [tooLong],
    });
    const longEntry = rejectedEntries(join(out, "runs", "l"), "pin").find((e) => e.reason === "too_long");
    const pinText = Buffer.from(objects[Object.keys(objects)[0]!]!).toString("utf8");
    expect(longEntry?.position.byteOffset).toBe(Buffer.byteLength(pinText.slice(0, pinText.indexOf(long))));
  });

  it("writes the rest of a .gz cut at --max-decompressed-bytes to rejected/ as one too_long line (raw null)", async () => {
    const { out, limit } = await limitRuns();
    for (const run of ["l", "s"]) {
      const runDir = join(out, "runs", run);
      const manifest = readManifest(runDir);
      const entries = rejectedEntries(runDir, "user");
      expect(entries).toHaveLength(manifest.counts.user.rejected);
      expect(entries.at(-1)).toMatchObject({
        position: { line: 21, byteOffset: limit },
        reason: "too_long",
        raw: null,
        rawEncoding: null,
      });
    }
  });

  it("re-running a run id gives byte-identical files", async () => {
    expect(
      (await pinpipe(["batch", "--source", rawDir, "--out", baseline.dir, "--run-id", RUN_ID])).code,
    ).toBe(0);
    expect(hashes(baseline.runDir)).toEqual(baseline.hashes);
    expect(Object.keys(baseline.hashes).length).toBeGreaterThan(30);
  });

  it("writes the manifest last: a run that fails after the tables leaves none, and a re-run leaves no stale files", async () => {
    const out = join(work, "crash");
    const runDir = join(out, "runs", RUN_ID);
    // An earlier finished run of this id (other options), plus leftovers no run writes (a partition
    // that no longer exists, an interrupted temporary file).
    expect(
      (await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", RUN_ID, "--dedupe"])).code,
    ).toBe(0);
    mkdirSync(join(runDir, "tables/pin/category=gone"), { recursive: true });
    writeFileSync(join(runDir, "tables/pin/category=gone/part-00000.parquet"), "stale");
    writeFileSync(join(runDir, "results/q1.json.tmp-0a1b2c"), "partial");

    await expect(
      runBatch({
        source: { kind: "local", path: rawDir },
        out: new LocalOutputSink(out),
        runId: RUN_ID,
        dedupe: false,
        median: "lower",
        ties: "all",
        afterTables: () => {
          throw new Error("killed after the tables");
        },
      }),
    ).rejects.toThrow("killed after the tables");
    const partial = listFiles(runDir);
    expect(partial).not.toContain("manifest.json");
    expect(partial.some((f) => f.startsWith("tables/pin/"))).toBe(true);
    expect(partial.some((f) => f.startsWith("results/"))).toBe(false);
    expect(partial).not.toContain("tables/pin/category=gone/part-00000.parquet");

    expect((await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", RUN_ID])).code).toBe(0);
    const manifest = readManifest(runDir);
    expect(listFiles(runDir)).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
    expect(manifest.options.dedupe).toBe(false);
    // The same bytes as a run that never crashed.
    expect(hashes(runDir)).toEqual(baseline.hashes);
  });

  it("clears the run folder only right before writing: a read that fails or finds no record leaves the earlier run intact", async () => {
    const out = join(work, "lazy");
    const runDir = join(out, "runs", RUN_ID);
    expect((await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", RUN_ID])).code).toBe(0);
    const finished = hashes(runDir);
    expect(finished).toEqual(baseline.hashes);

    // A corrupt .gz among good files: the run fails (exit 1) before anything is written.
    const corrupt = join(work, "corrupt-source");
    mkdirSync(join(corrupt, "pin"), { recursive: true });
    writeFileSync(join(corrupt, "pin", "a.ndjson"), `${lines.pin.slice(4, 10).join("\n")}\n`);
    const gz = gzipSync(`${lines.pin.slice(10, 400).join("\n")}\n`);
    writeFileSync(join(corrupt, "pin", "b.ndjson.gz"), gz.subarray(0, Math.floor(gz.length / 2)));
    const failed = await pinpipe(["batch", "--source", corrupt, "--out", out, "--run-id", RUN_ID]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^pinpipe batch: pin\/b\.ndjson\.gz: [^\n]+\n$/);
    await expect(
      runBatch({
        source: { kind: "local", path: corrupt },
        out: new LocalOutputSink(out),
        runId: RUN_ID,
        dedupe: false,
        median: "lower",
        ties: "all",
      }),
    ).rejects.toBeInstanceOf(SourceError);
    expect(hashes(runDir)).toEqual(finished);

    // No record at all (only files of no table): exit 3, nothing touched.
    const none = join(work, "no-table-source");
    mkdirSync(none, { recursive: true });
    writeFileSync(join(none, "misc.ndjson"), '{"ind": 1}\n');
    const empty = await pinpipe(["batch", "--source", none, "--out", out, "--run-id", RUN_ID]);
    expect(empty.code).toBe(3);
    expect(empty.err).toBe(
      `pinpipe batch: no records of a pin, geo or user table (1 other files) in ${none}\n`,
    );
    await expect(
      runBatch({
        source: { kind: "local", path: none },
        out: new LocalOutputSink(out),
        runId: RUN_ID,
        dedupe: false,
        median: "lower",
        ties: "all",
      }),
    ).rejects.toBeInstanceOf(NoRecordsError);
    expect(hashes(runDir)).toEqual(finished);
  });

  it("fails with one stderr line and a non-zero code when the source is missing, empty or unreachable", async () => {
    const out = join(work, "failures");
    const missing = await pinpipe([
      "batch",
      "--source",
      join(work, "no-such-dir"),
      "--out",
      out,
      "--run-id",
      "f",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      new RegExp(`^pinpipe batch: cannot read source ${join(work, "no-such-dir")}: [^\n]*ENOENT\n$`),
    );

    const emptyDir = join(work, "empty-source");
    mkdirSync(emptyDir);
    const empty = await pinpipe(["batch", "--source", emptyDir, "--out", out, "--run-id", "f"]);
    expect(empty.code).toBe(3);
    expect(empty.err).toBe(`pinpipe batch: no records in ${emptyDir}\n`);

    const port = await closedPort();
    const unreachable = await pinpipe(["batch", "--source", "s3://raw/feed", "--out", out, "--run-id", "f"], {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: "1",
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/^pinpipe batch: cannot list s3:\/\/raw\/feed: .*ECONNREFUSED.*\n$/);

    const noBucket = await pinpipe(
      ["batch", "--source", "s3://missing-bucket/x", "--out", out, "--run-id", "f"],
      {
        ...s3Env,
        AWS_MAX_ATTEMPTS: "1",
      },
    );
    expect(noBucket.code).toBe(1);
    expect(noBucket.err).toMatch(/^pinpipe batch: cannot list s3:\/\/missing-bucket\/x: [^\n]+\n$/);

    const unwritable = await pinpipe(["batch", "--source", rawDir, "--out", `s3://lake/x`, "--run-id", "f"], {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: "1",
    });
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toMatch(/^pinpipe batch: cannot list s3:\/\/lake\/x\/runs\/f: [^\n]+\n$/);
    // Nothing was written for any of these runs.
    expect(listFiles(join(work)).filter((f) => f.startsWith("failures/"))).toEqual([]);
  });

  it("names no other command when the source is missing", async () => {
    const missing = join(work, "no-such-dir");
    const { code, err } = await pinpipe(["batch", "--source", missing, "--out", join(work, "f2")]);
    expect(code).toBe(1);
    expect(err).not.toContain("pinpipe analyze");
  });

  it.each([
    [["--out", "/tmp/x"], /--source is required/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--workers", "0"], /--workers must be a whole number/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--workers", "two"], /--workers must be a whole number/],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--clean-config", "/no/such/clean.json"],
      /--clean-config \/no\/such\/clean\.json: cannot read it \(ENOENT\)/,
    ],
    [["--source", "/tmp/x"], /--out is required/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--median", "mean"], /--median must be one of lower, exact/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--ties", "some"], /--ties must be one of all, first/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--run-id", "../up"], /--run-id: run id must be/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "--color"], /Unknown option '--color'/],
    [["--source", "/tmp/x", "--out", "/tmp/y", "extra"], /unexpected argument "extra"/],
    [["--source", "s3://Bad_Bucket/x", "--out", "/tmp/y"], /--source: not a valid S3 bucket name/],
    [["--source", "/tmp/x", "--out", "s3://lake/../up"], /--out: unsafe S3 prefix/],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--max-line-bytes", "1.5KiB"],
      /--max-line-bytes: "1\.5KiB" is not a byte size/,
    ],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--max-line-bytes", "16MB"],
      /--max-line-bytes: "16MB" has an unknown unit/,
    ],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--max-line-bytes", "0"],
      /--max-line-bytes must be from 1B to 256MiB, got "0"/,
    ],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--max-decompressed-bytes=-5"],
      /--max-decompressed-bytes: "-5" is not a byte size/,
    ],
    [
      ["--source", "/tmp/x", "--out", "/tmp/y", "--max-decompressed-bytes", "2TiB"],
      /--max-decompressed-bytes must be from 1B to 1TiB/,
    ],
  ])("exits 2 with one usage line for %j", async (args, message) => {
    const { code, err, out } = await pinpipe(["batch", ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.endsWith("\n") && err.indexOf("\n") === err.length - 1).toBe(true);
    expect(out).toBe("");
  });

  it("reads the files analyze reads, each as NDJSON: tables told by name or folder, JSON arrays rejected, other files skipped with their bytes", async () => {
    const source = join(work, "layouts");
    const pinLines = lines.pin.slice(4, 9);
    const files: Record<string, string> = {
      // Told by the file name, by the nearest folder naming one table.
      "exports/pinterest_data.ndjson": `${pinLines.join("\n")}\n`,
      "geo/part-0001.jsonl": `${lines.geo.slice(4, 7).join("\n")}\n`,
      // A JSON array on one line is one record that is not an object…
      "user/array.json": `${JSON.stringify([{ ind: 1, first_name: "A" }, { ind: 2 }])}\n`,
      // …and each line of a pretty-printed one is not JSON.
      "user/pretty.json": `${JSON.stringify([{ ind: 3, first_name: "B" }], null, 2)}\n`,
      // No table (none, or two) told: skipped with their sizes.
      "misc/data.ndjson": `${lines.pin[5]}\n`,
      "pin_and_geo.ndjson": `${lines.geo[5]}\n`,
      // Not a record file at all: not even listed.
      "notes/pin.txt": "pin\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(source, file, ".."), { recursive: true });
      writeFileSync(join(source, file), text);
    }
    const out = join(work, "layouts-out");
    const { code, err } = await pinpipe(["batch", "--source", source, "--out", out, "--run-id", "x"]);
    expect(code, err).toBe(0);
    const runDir = join(out, "runs", "x");
    const manifest = readManifest(runDir);
    expect(manifest.skipped).toEqual([
      { file: "misc/data.ndjson", bytes: Buffer.byteLength(files["misc/data.ndjson"]!) },
      { file: "pin_and_geo.ndjson", bytes: Buffer.byteLength(files["pin_and_geo.ndjson"]!) },
    ]);
    const prettyLines = files["user/pretty.json"]!.trimEnd().split("\n");
    expect(manifest.counts.pin).toMatchObject({ in: 5, rejected: 0 });
    expect(manifest.counts.geo).toMatchObject({ in: 3, rejected: 0 });
    expect(manifest.counts.user).toMatchObject({
      in: 1 + prettyLines.length,
      clean: 0,
      rejected: 1 + prettyLines.length,
      byReason: {
        invalid_json: prettyLines.length,
        too_long: 0,
        not_an_object: 1,
        missing_key: 0,
        invalid_key: 0,
      },
    });
    const users = rejectedEntries(runDir, "user");
    expect(users[0]).toEqual({
      position: { file: "user/array.json", line: 1, byteOffset: 0 },
      reason: "not_an_object",
      raw: files["user/array.json"]!.trimEnd(),
      rawEncoding: "text",
      issues: [{ field: "$", value: null, rule: "not_an_object" }],
    });
    expect(users.slice(1).map((entry) => [entry.position, entry.reason, entry.raw])).toEqual(
      prettyLines.map((line, i) => [
        {
          file: "user/pretty.json",
          line: i + 1,
          byteOffset: Buffer.byteLength(prettyLines.slice(0, i).join("\n")) + (i > 0 ? 1 : 0),
        },
        "invalid_json",
        line,
      ]),
    );
    // The pins, in file order.
    const pins = await query(
      `SELECT ind FROM read_parquet('${runDir}/tables/pin/**/*.parquet', filename=true, file_row_number=true) ORDER BY filename, file_row_number`,
    );
    expect(pins.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(
      pinLines.map((line) => JSON.parse(line).index).sort((a: number, b: number) => a - b),
    );
  });

  it("takes placeholder overrides from --clean-config into the tables, the counts and the manifest; a bad config exits 2", async () => {
    const source = join(work, "placeholders-source");
    mkdirSync(source, { recursive: true });
    writeFileSync(
      join(source, "pin.ndjson"),
      [
        { index: 1, title: "n/a", category: "art" },
        { index: 2, title: "Real title", category: "art" },
        { index: 3, title: "No Title Data Available", category: "art" },
      ]
        .map((pin) => `${JSON.stringify(pin)}\n`)
        .join(""),
    );
    const config = join(work, "clean.json");
    writeFileSync(config, JSON.stringify({ placeholders: { title: ["n/a"] } }));
    const out = join(work, "placeholders-out");
    const plain = await pinpipe(["batch", "--source", source, "--out", out, "--run-id", "plain"]);
    const configured = await pinpipe([
      "batch",
      "--source",
      source,
      "--out",
      out,
      "--run-id",
      "configured",
      "--clean-config",
      config,
    ]);
    expect([plain.code, configured.code], plain.err + configured.err).toEqual([0, 0]);
    const titles = async (run: string) =>
      (
        await query(
          `SELECT ind::INTEGER AS ind, title FROM read_parquet('${out}/runs/${run}/tables/pin/**/*.parquet') ORDER BY ind`,
        )
      ).map((row) => [row.ind, row.title]);
    // Defaults: "No Title Data Available" is a placeholder, "n/a" is a title.
    expect(await titles("plain")).toEqual([
      [1, "n/a"],
      [2, "Real title"],
      [3, null],
    ]);
    // The config's list replaces the default one for title.
    expect(await titles("configured")).toEqual([
      [1, null],
      [2, "Real title"],
      [3, "No Title Data Available"],
    ]);
    const [plainManifest, manifest] = [
      readManifest(join(out, "runs", "plain")),
      readManifest(join(out, "runs", "configured")),
    ];
    expect(plainManifest.options).not.toHaveProperty("placeholders");
    expect(manifest.options.placeholders).toEqual({ title: ["n/a"] });
    expect(manifest.counts.pin.byRule.placeholder).toBe(1);
    expect(manifest.counts.pin.byField.title).toBe(1);
    expect(manifest.counts.pin.clean).toBe(3);
    const hashOf = (m: BatchManifest, path: string) => m.files.find((f) => f.path === path)?.sha256;
    expect(hashOf(manifest, "tables/pin/category=art/part-00000.parquet")).not.toBe(
      hashOf(plainManifest, "tables/pin/category=art/part-00000.parquet"),
    );

    const unknownKey = join(work, "unknown-key.json");
    writeFileSync(unknownKey, JSON.stringify({ placeholder: { title: ["n/a"] } }));
    const notJson = join(work, "not-json.json");
    writeFileSync(notJson, "{ placeholders: ");
    const unknownColumn = join(work, "unknown-column.json");
    writeFileSync(unknownColumn, JSON.stringify({ placeholders: { titel: ["n/a"] } }));
    for (const [file, message] of [
      [unknownKey, /not a clean config/],
      [notJson, /not JSON/],
      [unknownColumn, /not a clean config/],
    ] as const) {
      const bad = await pinpipe([
        "batch",
        "--source",
        source,
        "--out",
        out,
        "--run-id",
        "bad",
        "--clean-config",
        file,
      ]);
      expect(bad.code, file).toBe(2);
      expect(bad.err).toMatch(new RegExp(`^pinpipe batch: --clean-config ${file}: `));
      expect(bad.err).toMatch(message);
      expect(bad.err.endsWith("\n") && bad.err.indexOf("\n") === bad.err.length - 1, bad.err).toBe(true);
      expect(bad.out).toBe("");
    }
    expect(listFiles(out).some((f) => f.startsWith("runs/bad/"))).toBe(false);
  });

  it("keeps every rejected record's exact bytes: raw decoded per rawEncoding equals the input line, raw null for a line too long to read", async () => {
    const source = join(work, "raw-bytes");
    mkdirSync(source, { recursive: true });
    const utf8 = (text: string) => Buffer.from(text, "utf8");
    const pinRecords = [utf8('{"index":1e400,"title":"x"}'), utf8('{"index":7,"title":"kept"}')];
    const userRecords = [
      utf8('{"ind":1.00000000000000001}'),
      utf8('{"ind": "\\u00e9\\"escaped"}'),
      Buffer.concat([utf8('{"ind": 8, "first_name": "a'), Buffer.from([0xff, 0xfe]), utf8('b"}')]),
      utf8(`{"ind": 9, "first_name": "${"x".repeat(300)}"}`),
      utf8('{"ind": 10, "first_name": "kept"}'),
    ];
    const join_ = (records: Buffer[]) => Buffer.concat(records.flatMap((r) => [r, Buffer.from("\n")]));
    writeFileSync(join(source, "pin.ndjson"), join_(pinRecords));
    writeFileSync(join(source, "user.ndjson"), join_(userRecords));
    const out = join(work, "raw-bytes-out");
    const { code, err } = await pinpipe([
      "batch",
      "--source",
      source,
      "--out",
      out,
      "--run-id",
      "r",
      "--max-line-bytes",
      "200",
    ]);
    expect(code, err).toBe(0);
    const runDir = join(out, "runs", "r");
    const decoded = (entry: RejectedEntry) =>
      entry.raw === null
        ? null
        : entry.rawEncoding === "base64"
          ? Buffer.from(entry.raw, "base64")
          : Buffer.from(entry.raw, "utf8");
    const offsetOf = (records: Buffer[], i: number) =>
      records.slice(0, i).reduce((sum, record) => sum + record.length + 1, 0);

    const pins = rejectedEntries(runDir, "pin");
    expect(pins.map((e) => [e.position, e.reason, e.rawEncoding])).toEqual([
      [{ file: "pin.ndjson", line: 1, byteOffset: 0 }, "invalid_key", "text"],
    ]);
    // Not a re-serialization: the text stays 1e400.
    expect(pins[0]!.raw).toBe('{"index":1e400,"title":"x"}');
    expect(decoded(pins[0]!)).toEqual(pinRecords[0]);

    const users = rejectedEntries(runDir, "user");
    expect(users.map((e) => [e.position, e.reason, e.rawEncoding])).toEqual([
      [{ file: "user.ndjson", line: 1, byteOffset: 0 }, "invalid_key", "text"],
      [{ file: "user.ndjson", line: 2, byteOffset: offsetOf(userRecords, 1) }, "invalid_key", "text"],
      [{ file: "user.ndjson", line: 3, byteOffset: offsetOf(userRecords, 2) }, "invalid_json", "base64"],
      [{ file: "user.ndjson", line: 4, byteOffset: offsetOf(userRecords, 3) }, "too_long", null],
    ]);
    for (const [i, entry] of users.slice(0, 3).entries()) {
      expect(decoded(entry), `user line ${i + 1}`).toEqual(userRecords[i]);
    }
    expect(users[0]!.raw).toBe('{"ind":1.00000000000000001}');
    expect(users[0]!.issues[0]).toEqual({ field: "ind", value: "1.00000000000000001", rule: "invalid_key" });
    // The escapes stay escapes in raw; the issue holds the decoded value.
    expect(users[1]!.raw).toBe('{"ind": "\\u00e9\\"escaped"}');
    expect(users[1]!.issues).toEqual([{ field: "ind", value: 'é"escaped', rule: "invalid_key" }]);
    expect(users[3]!.raw).toBeNull();
    expect(users[3]!.issues).toEqual([{ field: "$", value: "longer than the line limit", rule: "too_long" }]);
    const { counts } = readManifest(runDir);
    expect(counts.pin).toMatchObject({ in: 2, clean: 1, rejected: 1 });
    expect(counts.user).toMatchObject({
      in: 5,
      clean: 1,
      rejected: 4,
      byReason: { invalid_json: 1, too_long: 1, not_an_object: 0, missing_key: 0, invalid_key: 2 },
    });
  });

  it("writes byte-identical files with --workers 1 and --workers 3 on an input read as many tasks", async () => {
    const source = join(work, "workers-source");
    mkdirSync(join(source, "pin"), { recursive: true });
    const generated: LinesByTable = { pin: [], geo: [], user: [] };
    for (const post of generatePostLines({ seed: 5, count: 8000, dirty: 0.1, duplicates: 0.2 })) {
      for (const table of TABLES) generated[table].push(post[table]);
    }
    // Two pin files (one big enough to be cut into ranges), one geo and one user file.
    writeFileSync(join(source, "pin", "a.ndjson"), `${generated.pin.slice(0, 6000).join("\n")}\n`);
    writeFileSync(join(source, "pin", "b.ndjson"), `${generated.pin.slice(6000).join("\n")}\n`);
    writeFileSync(join(source, "geo.ndjson"), `${generated.geo.join("\n")}\n`);
    writeFileSync(join(source, "user.ndjson"), `${generated.user.join("\n")}\n`);
    const { files } = findInputFiles(source);
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    expect(bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(planReadTasks(files, readPlanSizesFor(bytes, 1)).length).toBeGreaterThanOrEqual(4);
    expect(planReadTasks(files, readPlanSizesFor(bytes, 3)).length).toBeGreaterThanOrEqual(12);

    const out = join(work, "workers-out");
    const runs: Record<string, string>[] = [];
    for (const workers of ["1", "3"]) {
      const run = await pinpipe([
        "batch",
        "--source",
        source,
        "--out",
        out,
        "--run-id",
        `w${workers}`,
        "--dedupe",
        "--workers",
        workers,
      ]);
      expect(run.code, run.err).toBe(0);
      const { "manifest.json": _, ...rest } = hashes(join(out, "runs", `w${workers}`));
      runs.push(rest);
    }
    expect(Object.keys(runs[0]!).length).toBeGreaterThan(25);
    expect(runs[1]).toEqual(runs[0]);
    const [one, three] = [readManifest(join(out, "runs", "w1")), readManifest(join(out, "runs", "w3"))];
    expect(three.counts).toEqual(one.counts);
    expect(three.files).toEqual(one.files);
    for (const table of TABLES) expect(one.counts[table].duplicates, table).toBeGreaterThan(0);
    // And what they hold: the first of equal records, in read order, across task boundaries.
    const read = readOrderLines(source);
    await expectTablesInReadOrder(db, join(out, "runs", "w3"), dedupeFirst(cleanInReadOrder(read)));
    const { counts } = expectedResults(read, { dedupe: true });
    expect(three.counts).toEqual(counts);
  });

  it("counts a gzip bomb as one too_long record and goes on", async () => {
    const source = join(work, "bomb-source");
    mkdirSync(join(source, "user"), { recursive: true });
    const head = `${lines.user.slice(4, 8).join("\n")}\n`;
    // 96 MiB of blank lines of spaces: past 100 times its gzipped size plus 64 MiB.
    const blank = Buffer.alloc(4096, " ");
    blank[4095] = 0x0a;
    const bomb = gzipSync(Buffer.concat([Buffer.from(head), ...Array<Buffer>(24 * 1024).fill(blank)]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    writeFileSync(join(source, "user", "a.ndjson.gz"), bomb);
    writeFileSync(join(source, "user", "b.ndjson"), `${lines.user.slice(8, 12).join("\n")}\n`);
    const out = join(work, "bomb-out");
    const { code, err } = await pinpipe(["batch", "--source", source, "--out", out, "--run-id", "b"]);
    expect(code, err).toBe(0);
    const { counts } = readManifest(join(out, "runs", "b"));
    expect(counts.user.in).toBe(4 + 1 + 4);
    expect(counts.user.byReason.too_long).toBe(1);
    expect(counts.user.in).toBe(counts.user.clean + counts.user.rejected);
  });

  it("documents every option and its default in --help", async () => {
    const { code, out } = await pinpipe(["batch", "--help"]);
    expect(code).toBe(0);
    for (const option of [
      "--source",
      "--out",
      "--run-id",
      "--dedupe",
      "--no-dedupe",
      "--median",
      "--ties",
      "--max-line-bytes",
      "--max-decompressed-bytes",
      "--s3-endpoint",
      "--clean-config",
      "--workers",
    ]) {
      expect(out).toContain(option);
    }
    expect(out).toMatch(
      /--max-line-bytes <size>\s+Longest line \(record\) kept; [^(]*\(default 16MiB, at most 256MiB\)/,
    );
    expect(out).toMatch(
      /--max-decompressed-bytes <size>\s+Most bytes one gzipped file or object [^(]*\(default 1GiB\)/,
    );
    expect(out).toContain("KiB, MiB, GiB or TiB");
    expect(out).toContain("today's UTC");
    // The layout: how long partition values are named, and where they are kept whole.
    expect(out).toContain("SHA-256");
    expect(out).toContain("category too");
    expect((out.match(/default/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(out).toContain("Exit codes");
  });
});

/** One line of a rejected-records file. */
interface RejectedEntry {
  readonly position: Readonly<Record<string, string | number>>;
  readonly reason: string;
  readonly raw: string | null;
  readonly rawEncoding: "text" | "base64" | null;
  readonly issues: readonly { readonly field: string; readonly value: unknown; readonly rule: string }[];
}

/** The lines of `rejected/<table>.ndjson` of a run, parsed. */
function rejectedEntries(runDir: string, table: string): RejectedEntry[] {
  const text = readFileSync(join(runDir, `rejected/${table}.ndjson`), "utf8");
  return text === ""
    ? []
    : text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as RejectedEntry);
}

type LinesByTable = Record<TableName, string[]>;

/**
 * The lines of every record file under `dir`, per table (told by `tableOfPath`, as batch does), in
 * the order batch reads them: file path order, then line order (blank lines kept).
 */
function readOrderLines(dir: string): LinesByTable {
  const lines: LinesByTable = { pin: [], geo: [], user: [] };
  for (const file of listFiles(dir)) {
    const table = tableOfPath(file);
    if (table === null || !/\.(json|ndjson|jsonl)$/.test(file)) continue;
    const text = readFileSync(join(dir, file), "utf8");
    lines[table].push(...(text.endsWith("\n") ? text.slice(0, -1) : text).split("\n"));
  }
  return lines;
}

type CleanByTable = { [T in TableName]: CleanRecordByTable[T][] };

/** The clean record of every line, in line order (duplicates kept), cleaned by @pinpipe/clean. */
function cleanInReadOrder(lines: LinesByTable): CleanByTable {
  const clean = <T extends TableName>(table: T): CleanRecordByTable[T][] =>
    lines[table].flatMap((line) => {
      if (line.trim() === "") return [];
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        return [];
      }
      const result = cleanerFor(table)(raw);
      // A key whose JSON text is not exactly an integer is rejected (see keyLiteralIssue).
      return result.ok && keyLiteralIssue(table, line) === undefined
        ? [result.value as CleanRecordByTable[T]]
        : [];
    });
  return { pin: clean("pin"), geo: clean("geo"), user: clean("user") };
}

/** The first of every group of equal records, in order (Spark's dropDuplicates keeping the first). */
function dedupeFirst(records: CleanByTable): CleanByTable {
  const first = <R>(list: readonly R[]): R[] => {
    const seen = new Set<string>();
    return list.filter((record) => {
      const key = JSON.stringify(record);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return { pin: first(records.pin), geo: first(records.geo), user: first(records.user) };
}

const utcYear = (date: Date | null) => (date === null ? null : date.getUTCFullYear());

/** Clean records as DuckDB gives them back, grouped by partition folder, in order. */
function expectedByFolder(records: CleanByTable): Record<TableName, Record<string, unknown[]>> {
  const group = <R>(list: readonly R[], folder: (r: R) => string, row: (r: R) => unknown) => {
    const out: Record<string, unknown[]> = {};
    for (const record of list) {
      const key = folder(record);
      const rows = out[key] ?? [];
      rows.push(JSON.parse(JSON.stringify(row(record))));
      out[key] = rows;
    }
    return out;
  };
  return {
    pin: group(
      records.pin,
      (pin) => hivePartitionSegment("category", pin.category),
      (pin) => pin,
    ),
    geo: group(
      records.geo,
      (geo) => hivePartitionSegment("post_year", utcYear(geo.timestamp)),
      (geo) => ({ ...geo, timestamp: geo.timestamp?.getTime() ?? null }),
    ),
    user: group(
      records.user,
      (user) => hivePartitionSegment("join_year", utcYear(user.date_joined)),
      (user) => ({ ...user, date_joined: user.date_joined?.getTime() ?? null }),
    ),
  };
}

const TABLE_COLUMNS: Record<TableName, string> = {
  pin: "* EXCLUDE (ind, follower_count, filename, file_row_number), ind::DOUBLE AS ind, follower_count::DOUBLE AS follower_count",
  geo: "ind::DOUBLE AS ind, country, coordinates, epoch_ms(timestamp)::DOUBLE AS timestamp, post_year::VARCHAR AS post_year",
  user: "ind::DOUBLE AS ind, user_name, age, epoch_ms(date_joined)::DOUBLE AS date_joined, join_year::VARCHAR AS join_year",
};

/**
 * Reads every table of a run back with DuckDB (Hive partitioning on), file by file in row order,
 * and checks that each partition folder holds exactly `records` of that partition, in order; the
 * partition value read from the folder matches the row's own.
 */
async function expectTablesInReadOrder(db: DuckDBInstance, runDir: string, records: CleanByTable) {
  const expected = expectedByFolder(records);
  for (const table of TABLES) {
    const tableDir = join(runDir, "tables", table);
    const rows = await queryDuckDb(
      db,
      `SELECT ${TABLE_COLUMNS[table]}, filename
       FROM read_parquet('${tableDir}/**/*.parquet', hive_partitioning=true, filename=true, file_row_number=true)
       ORDER BY filename, file_row_number`,
    );
    const byFolder: Record<string, unknown[]> = {};
    for (const row of rows) {
      const folder = relative(tableDir, dirname(String(row.filename)));
      delete row.filename;
      if (table === "geo") {
        expect(row.post_year).toBe(
          row.timestamp === null ? null : String(new Date(Number(row.timestamp)).getUTCFullYear()),
        );
        delete row.post_year;
      }
      if (table === "user") {
        expect(row.join_year).toBe(
          row.date_joined === null ? null : String(new Date(Number(row.date_joined)).getUTCFullYear()),
        );
        delete row.join_year;
      }
      const list = byFolder[folder] ?? [];
      list.push(JSON.parse(JSON.stringify(row)));
      byFolder[folder] = list;
    }
    expect(Object.keys(byFolder).sort(), table).toEqual(Object.keys(expected[table]).sort());
    for (const folder of Object.keys(expected[table])) {
      expect(byFolder[folder], `${table}/${folder}`).toEqual(expected[table][folder]);
    }
  }
}

async function getObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  return new Uint8Array(await getS3Object({ client, bucket, key }));
}
