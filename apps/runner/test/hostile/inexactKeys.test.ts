import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildColumnarTables } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { decodeKinesisRecord, type JsonRecord } from "@pinpipe/ingest";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/batch/runBatch";
import { LocalOutputSink } from "../../src/output/index";
import { encodeShardBatch } from "../../src/stream/encodeShardBatch";
import { kinesisItems } from "../stream/kinesisItems";

const TABLES: readonly TableName[] = ["pin", "geo", "user"];

/** Key literals: exact ones (0, 0, 0, 100) among texts that round to a key, or are none. */
const LITERALS = [
  "1e-400",
  "-0",
  "0",
  "0e-400",
  "1e2",
  "4503599627370495.5",
  "9007199254740993",
  "1.5",
  "1.00000000000000001",
  "9007199254740990.9",
] as const;
const ACCEPTED = [0, 0, 0, 100];
/** The literals of ACCEPTED. */
const EXACT: ReadonlySet<string> = new Set(["-0", "0", "0e-400", "1e2"]);
const REJECTED = LITERALS.length - ACCEPTED.length;

const lineOf = (table: TableName, literal: string): string =>
  table === "pin"
    ? `{"index": ${literal}, "poster_name": "P", "follower_count": "2", "category": "art"}`
    : table === "geo"
      ? `{"ind": ${literal}, "timestamp": "2020-01-02 03:04:05", "latitude": 1, "longitude": 2, "country": "Chad"}`
      : `{"ind": ${literal}, "first_name": "Ada", "last_name": "L", "age": 36, "date_joined": "2016-02-29 08:00:00"}`;
const linesOf = (table: TableName): string[] => LITERALS.map((literal) => lineOf(table, literal));

/**
 * What a path kept and rejected of one table: clean keys in read order, the rule each rejected
 * record was rejected for and, where the path writes rejected records, each one's issues (the
 * rejecting one first).
 */
interface Outcome {
  readonly keys: number[];
  readonly rules: string[];
  readonly issues?: unknown[][];
  /** Where the path writes rejected records: each one's `raw`, the exact text read. */
  readonly raws?: unknown[];
}

/** The issues of each line of a rejected-records file, checking the rejecting one comes first. */
function rejectedIssues(text: string): unknown[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const entry = JSON.parse(line) as { reason?: string; issues: { rule: string }[] };
      if (entry.reason !== undefined) expect(entry.issues[0]?.rule).toBe(entry.reason);
      return entry.issues;
    });
}

/** The `raw` of each line of a rejected-records file, checking it is kept as text. */
function rejectedRaws(text: string): unknown[] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const entry = JSON.parse(line) as { raw: unknown; rawEncoding: unknown };
      expect(entry.rawEncoding).toBe("text");
      return entry.raw;
    });
}

const firstRules = (issues: unknown[][]): string[] =>
  issues.map((list) => (list[0] as { rule: string }).rule);

function analyzeOutcomes(): Record<TableName, Outcome> {
  const inputs = TABLES.map((table) => ({ table, chunks: [Buffer.from(`${linesOf(table).join("\n")}\n`)] }));
  const { tables, accounting } = buildColumnarTables(inputs, { dedupe: false });
  const outcome = (table: TableName): Outcome => {
    const { byReason, rejected } = accounting[table];
    expect(rejected).toBe(REJECTED);
    const rules = Object.entries(byReason).flatMap(([rule, count]) => Array<string>(count).fill(rule));
    return { keys: [...tables[table].ind], rules };
  };
  return { pin: outcome("pin"), geo: outcome("geo"), user: outcome("user") };
}

const root = mkdtempSync(join(tmpdir(), "pinpipe-inexact-keys-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The Parquet files under `dir` (recursively), in path order. */
function parquetFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".parquet"))
    .sort()
    .map((path) => join(dir, path));
}

/** What `pinpipe batch` (runBatch on a folder) writes: the ind column of its Parquet files, its rejected records. */
async function batchOutcomes(): Promise<Record<TableName, Outcome>> {
  const source = join(root, "source");
  mkdirSync(source, { recursive: true });
  for (const table of TABLES)
    writeFileSync(join(source, `${table}.ndjson`), `${linesOf(table).join("\n")}\n`);
  const out = join(root, "out");
  await runBatch({
    source: { kind: "local", path: source },
    out: new LocalOutputSink(out),
    runId: "keys",
    dedupe: false,
    median: "lower",
    ties: "all",
  });
  const runDir = join(out, "runs", "keys");
  const outcome = async (table: TableName): Promise<Outcome> => {
    const keys: number[] = [];
    for (const path of parquetFiles(join(runDir, "tables", table))) {
      const bytes = readFileSync(path);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
      const rows = await parquetReadObjects({ file, columns: ["ind"] });
      keys.push(...rows.map((row) => Number(row.ind)));
    }
    const text = readFileSync(join(runDir, "rejected", `${table}.ndjson`), "utf8");
    const issues = rejectedIssues(text);
    return { keys, rules: firstRules(issues), issues, raws: rejectedRaws(text) };
  };
  return { pin: await outcome("pin"), geo: await outcome("geo"), user: await outcome("user") };
}

/** What `pinpipe stream` writes for the lines sent as Kinesis records, decoded as the reader decodes them. */
async function streamOutcome(table: TableName): Promise<Outcome> {
  const users = linesOf(table).flatMap((line, index) => {
    const decoded = decodeKinesisRecord({
      Data: new TextEncoder().encode(line),
      PartitionKey: String(index),
      SequenceNumber: String(1000 + index),
    });
    return decoded.ok ? decoded.value.records : [];
  });
  expect(users).toHaveLength(LITERALS.length);
  // Items as readKinesisRecords hands them out: the record and the user record's exact bytes.
  const records: JsonRecord[] = users.map((user) => user.record);
  const items = kinesisItems(records).map((item, index) => ({ ...item, data: users[index]!.data }));
  const { files } = encodeShardBatch({
    table,
    shardId: "shardId-000000000000",
    items,
    aggregates: [],
  });
  const parquet = files.find((file) => file.path.endsWith(".parquet"))?.body as Uint8Array;
  const rows = await parquetReadObjects({ file: parquet.slice().buffer });
  const rejected = files.find((file) => file.path.startsWith("stream/rejected/"))?.body as string;
  const issues = rejectedIssues(rejected);
  return {
    keys: rows.map((row) => Number(row.ind)),
    rules: firstRules(issues),
    issues,
    raws: rejectedRaws(rejected),
  };
}

describe("an inexact record key is rejected the same way by analyze, batch and stream", () => {
  it("keeps the exact keys and rejects every other literal as invalid_key, on all three paths", async () => {
    const analyze = analyzeOutcomes();
    const batch = await batchOutcomes();
    for (const table of TABLES) {
      const stream = await streamOutcome(table);
      const invalid = Array<string>(REJECTED).fill("invalid_key");
      for (const [path, outcome] of [
        ["analyze", analyze[table]],
        ["batch", batch[table]],
        ["stream", stream],
      ] as const) {
        expect(outcome.keys, `${path} ${table}`).toEqual(ACCEPTED);
        expect(outcome.rules, `${path} ${table}`).toEqual(invalid);
      }
      // Batch and stream reject each record for the same issue; a key that parsed to a valid one
      // shows its literal.
      const rejecting = (outcome: Outcome) => outcome.issues?.map((list) => list[0]);
      expect(rejecting(stream)).toEqual(rejecting(batch[table]));
      const field = table === "pin" ? "index" : "ind";
      expect(rejecting(batch[table])).toContainEqual({ field, value: "1e-400", rule: "invalid_key" });
      expect(rejecting(batch[table])).toContainEqual({
        field,
        value: "1.00000000000000001",
        rule: "invalid_key",
      });
    }
  });

  it("writes the same issues for every rejected record on batch and stream", async () => {
    const batch = await batchOutcomes();
    for (const table of TABLES)
      expect((await streamOutcome(table)).issues, table).toEqual(batch[table].issues);
  });

  it("keeps each rejected record's exact text, its key literal as sent, on batch and stream", async () => {
    const batch = await batchOutcomes();
    for (const table of TABLES) {
      const sent = LITERALS.filter((literal) => !EXACT.has(literal)).map((literal) => lineOf(table, literal));
      const stream = await streamOutcome(table);
      expect(stream.raws, table).toEqual(sent);
      expect(batch[table].raws, table).toEqual(sent);
    }
  });
});
