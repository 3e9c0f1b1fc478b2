import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { analyze, QUERY_NAMES } from "@pinpipe/analytics";
import { createS3Client, getS3Object } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchManifest } from "../../src/batch/batchManifest";
import { RESULT_COLUMNS } from "../../src/batch/resultFiles";
import { runBatch } from "../../src/batch/runBatch";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { LocalOutputSink } from "../../src/output/index";
import { parseRunManifest } from "../../src/report/parseRunManifest";
import { queryDuckDb } from "./queryDuckDb";
import {
  cleanRecords,
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

  it("writes the run layout from a local Kafka Connect folder; Parquet read back with DuckDB equals the clean records", async () => {
    const { code, out: stdout, err, runDir } = baseline;
    expect(err).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(stdout).toBe(`${runDir}\n`);

    const manifest = readManifest(runDir);
    expect(manifest).toMatchObject({
      format: "pinpipe-batch/1",
      runId: RUN_ID,
      source: rawDir,
      options: { dedupe: true, median: "lower", ties: "all" },
      skipped: [],
    });
    // pinpipe report reads it: the manifest satisfies its schema.
    const reported = parseRunManifest(readFileSync(join(runDir, "manifest.json"), "utf8"), "manifest.json");
    for (const table of TABLES) {
      const { byRule, byField, ...totals } = manifest.counts[table];
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
      files.filter((f) => /^tables\/geo\/post_year=\d{4}\/part-00000\.parquet$/.test(f)).length,
    ).toBeGreaterThan(2);
    expect(
      files.filter((f) => /^tables\/user\/join_year=\d{4}\/part-00000\.parquet$/.test(f)).length,
    ).toBeGreaterThan(2);
    expect(files.every((f) => /^(tables|rejected|results)\/|^manifest\.json$/.test(f))).toBe(true);

    // The clean records, deduplicated, are exactly what the Parquet files hold.
    const expected = analyzeInput(lines);
    const pins = await query(
      `SELECT * EXCLUDE (ind, follower_count), ind::DOUBLE AS ind, follower_count::DOUBLE AS follower_count
       FROM read_parquet('${runDir}/tables/pin/**/*.parquet', hive_partitioning=true)`,
    );
    expect(sortRecords(pins)).toEqual(sortRecords(expected.deduped.pin.map((pin) => ({ ...pin }))));
    const geos = await query(
      `SELECT ind::DOUBLE AS ind, country, coordinates, epoch_ms(timestamp)::DOUBLE AS timestamp, post_year::VARCHAR AS post_year
       FROM read_parquet('${runDir}/tables/geo/**/*.parquet', hive_partitioning=true)`,
    );
    for (const geo of geos) {
      expect(geo.post_year).toBe(
        geo.timestamp === null ? null : String(new Date(Number(geo.timestamp)).getUTCFullYear()),
      );
      delete geo.post_year;
    }
    expect(sortRecords(geos)).toEqual(
      sortRecords(
        expected.deduped.geo.map((geo) => ({ ...geo, timestamp: geo.timestamp?.getTime() ?? null })),
      ),
    );
    const users = await query(
      `SELECT ind::DOUBLE AS ind, user_name, age, epoch_ms(date_joined)::DOUBLE AS date_joined, join_year::VARCHAR AS join_year
       FROM read_parquet('${runDir}/tables/user/**/*.parquet', hive_partitioning=true)`,
    );
    for (const user of users) {
      expect(user.join_year).toBe(
        user.date_joined === null ? null : String(new Date(Number(user.date_joined)).getUTCFullYear()),
      );
      delete user.join_year;
    }
    expect(sortRecords(users)).toEqual(
      sortRecords(
        expected.deduped.user.map((user) => ({ ...user, date_joined: user.date_joined?.getTime() ?? null })),
      ),
    );

    // Every record is accounted for, per table.
    for (const table of TABLES) {
      const counts = manifest.counts[table];
      expect(counts.in, table).toBe(recordCount(lines, table));
      expect(counts.in).toBe(counts.clean + counts.rejected + counts.duplicates);
      expect(counts.clean).toBe(expected.deduped[table].length);
      expect(counts.duplicates).toBe(expected.all[table].length - expected.deduped[table].length);
      expect(counts.duplicates).toBeGreaterThan(0);
      expect(counts.rejected).toBeGreaterThanOrEqual(2);
      const sum = (record: Readonly<Record<string, number>>) =>
        Object.values(record).reduce((a, b) => a + b, 0);
      expect(sum(counts.byRule)).toBe(sum(counts.byField));
      const rejected = readFileSync(join(runDir, `rejected/${table}.ndjson`), "utf8").split("\n");
      expect(rejected.pop()).toBe("");
      expect(rejected).toHaveLength(counts.rejected);
      for (const line of rejected) {
        const entry = JSON.parse(line);
        expect(Object.keys(entry)).toEqual(["position", "raw", "issues"]);
        expect(entry.position.file).toMatch(new RegExp(`^topics/0a1b2c\\.${table}/partition=\\d/`));
        expect(entry.position.line).toBeGreaterThan(0);
        expect(entry.issues.length).toBeGreaterThan(0);
      }
    }
    const geoRejected = readFileSync(join(runDir, "rejected/geo.ndjson"), "utf8");
    expect(geoRejected).toContain('"raw":"not json","issues":[{"field":"$","value":"invalid JSON');
    expect(geoRejected).toContain(
      '"raw":{"ind":-3,"country":"Chad"},"issues":[{"field":"ind","value":-3,"rule":"invalid_key"}]',
    );
    const pinRejected = readFileSync(join(runDir, "rejected/pin.ndjson"), "utf8");
    expect(pinRejected).toContain(
      `"raw":${JSON.stringify('{"index": 5, "title": "cut off')},"issues":[{"field":"$"`,
    );
  });

  it("computes the query results analyze() and pinpipe analyze give for the same input and options", async () => {
    const out = join(work, "options");
    const { code } = await pinpipe([
      "batch",
      "--source",
      rawDir,
      "--out",
      out,
      "--run-id",
      "r1",
      "--median",
      "exact",
      "--ties",
      "first",
    ]);
    expect(code).toBe(0);
    const runDir = join(out, "runs", "r1");
    const expected = analyze(analyzeInput(lines).all, { dedupe: true, median: "exact", ties: "first" });
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

    // --no-dedupe keeps duplicates, and the results follow.
    expect(
      (await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", "r2", "--no-dedupe"])).code,
    ).toBe(0);
    const kept = readManifest(join(out, "runs", "r2"));
    expect(kept.counts.pin.duplicates).toBe(0);
    expect(kept.counts.pin.clean).toBe(analyzeInput(lines).all.pin.length);
    const keptQ1 = JSON.parse(readFileSync(join(out, "runs", "r2", "results/q1.json"), "utf8"));
    expect(keptQ1).toEqual(
      JSON.parse(JSON.stringify(analyze(analyzeInput(lines).all, { dedupe: false }).q1)),
    );
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

  it("rejects lines over --max-line-bytes and the rest of a .gz object past --max-decompressed-bytes, from a folder and from S3 alike", async () => {
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
    expect([local.code, remote.code], local.err + remote.err).toEqual([0, 0]);
    const [fromFolder, fromS3] = [readManifest(join(out, "runs", "l")), readManifest(join(out, "runs", "s"))];
    expect(fromFolder.options).toMatchObject({ maxLineBytes: 1024, maxDecompressedBytes: limit });
    expect(fromS3.counts).toEqual(fromFolder.counts);
    const { pin, geo, user } = fromFolder.counts;
    expect([pin.in, geo.in, user.in]).toEqual([11, 10, 21]);
    for (const counts of [pin, geo, user]) {
      expect(counts.in).toBe(counts.clean + counts.rejected + counts.duplicates);
    }
    expect(user.rejected).toBeGreaterThanOrEqual(1);
    expect(user.byRule.invalid_json).toBeGreaterThanOrEqual(1);

    const rejected = (run: string, table: string) =>
      readFileSync(join(out, "runs", run, `rejected/${table}.ndjson`), "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
    const tooLong = {
      field: "$",
      value: `record longer than maxLineBytes (1024): ${long.length} bytes, skipped`,
      rule: "invalid_json",
    };
    expect(rejected("l", "pin")).toContainEqual({
      position: { file: Object.keys(objects)[0], line: 5, byteOffset: expect.any(Number) },
      raw: null,
      issues: [tooLong],
    });
    expect(rejected("s", "pin")).toContainEqual({
      position: { key: `limits/${Object.keys(objects)[0]}`, line: 5, byteOffset: expect.any(Number) },
      raw: null,
      issues: [tooLong],
    });
    expect(rejected("l", "user").at(-1)).toMatchObject({
      position: { line: 21, byteOffset: limit },
      raw: null,
      issues: [
        {
          value: `decompressed size exceeds maxDecompressedBytes (${limit}), rest of file skipped`,
          rule: "invalid_json",
        },
      ],
    });
    expect(rejected("s", "user").at(-1)).toMatchObject({
      issues: [
        { value: `decompressed size exceeds maxDecompressedBytes (${limit}), rest of object skipped` },
      ],
    });
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
    // An earlier finished run of this id, plus leftovers no run writes (a partition that no longer
    // exists, an interrupted temporary file).
    expect(
      (await pinpipe(["batch", "--source", rawDir, "--out", out, "--run-id", RUN_ID, "--no-dedupe"])).code,
    ).toBe(0);
    mkdirSync(join(runDir, "tables/pin/category=gone"), { recursive: true });
    writeFileSync(join(runDir, "tables/pin/category=gone/part-00000.parquet"), "stale");
    writeFileSync(join(runDir, "results/q1.json.tmp-0a1b2c"), "partial");

    await expect(
      runBatch({
        source: { kind: "local", path: rawDir },
        out: new LocalOutputSink(out),
        runId: RUN_ID,
        dedupe: true,
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
    expect(manifest.options.dedupe).toBe(true);
    // The same bytes as a run that never crashed.
    expect(hashes(runDir)).toEqual(baseline.hashes);
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
    expect(missing.err).toBe(`pinpipe batch: source ${join(work, "no-such-dir")} does not exist\n`);

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
    expect(unreachable.err).toMatch(/^pinpipe batch: cannot list s3:\/\/raw\/feed\/: .*ECONNREFUSED.*\n$/);

    const noBucket = await pinpipe(
      ["batch", "--source", "s3://missing-bucket/x", "--out", out, "--run-id", "f"],
      {
        ...s3Env,
        AWS_MAX_ATTEMPTS: "1",
      },
    );
    expect(noBucket.code).toBe(1);
    expect(noBucket.err).toMatch(/^pinpipe batch: cannot list s3:\/\/missing-bucket\/x\/: [^\n]+\n$/);

    const unwritable = await pinpipe(["batch", "--source", rawDir, "--out", `s3://lake/x`, "--run-id", "f"], {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: "1",
    });
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toMatch(/^pinpipe batch: cannot list s3:\/\/lake\/x\/runs\/f: [^\n]+\n$/);
    // Nothing was written for any of these runs.
    expect(listFiles(join(work)).filter((f) => f.startsWith("failures/"))).toEqual([]);
  });

  it.each([
    [["--out", "/tmp/x"], /--source is required/],
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

/** The clean records of the lines, all and deduplicated, as plain values. */
function analyzeInput(raw: RawLines) {
  const all = cleanRecords(raw);
  const dedupe = <T>(records: readonly T[]): T[] => {
    const seen = new Set<string>();
    return records.filter((record) => {
      const key = JSON.stringify(record);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const deduped = { pin: dedupe(all.pin), geo: dedupe(all.geo), user: dedupe(all.user) };
  return { all, deduped };
}

function sortRecords(records: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const normalized = records.map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
  return normalized.sort((a, b) => {
    const x = JSON.stringify(Object.entries(a).sort(([p], [q]) => (p < q ? -1 : 1)));
    const y = JSON.stringify(Object.entries(b).sort(([p], [q]) => (p < q ? -1 : 1)));
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

async function getObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  return new Uint8Array(await getS3Object({ client, bucket, key }));
}
