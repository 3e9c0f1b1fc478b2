import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildColumnarTables } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { decodeKinesisRecord, type JsonRecord } from "@pinpipe/ingest";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { readCleanTables } from "../../src/batch/readCleanTables";
import { readSourceRecords } from "../../src/batch/recordSource";
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
const REJECTED = LITERALS.length - ACCEPTED.length;

const lineOf = (table: TableName, literal: string): string =>
  table === "pin"
    ? `{"index": ${literal}, "poster_name": "P", "follower_count": "2", "category": "art"}`
    : table === "geo"
      ? `{"ind": ${literal}, "timestamp": "2020-01-02 03:04:05", "latitude": 1, "longitude": 2, "country": "Chad"}`
      : `{"ind": ${literal}, "first_name": "Ada", "last_name": "L", "age": 36, "date_joined": "2016-02-29 08:00:00"}`;
const linesOf = (table: TableName): string[] => LITERALS.map((literal) => lineOf(table, literal));

/** What a path kept and rejected of one table: clean keys in read order, rejection issues. */
interface Outcome {
  readonly keys: number[];
  readonly rules: string[];
  readonly issues?: unknown[];
}

function analyzeOutcomes(): Record<TableName, Outcome> {
  const inputs = TABLES.map((table) => ({ table, chunks: [Buffer.from(`${linesOf(table).join("\n")}\n`)] }));
  const { tables, accounting } = buildColumnarTables(inputs, { dedupe: false });
  const outcome = (table: TableName): Outcome => {
    const { rejected } = accounting[table];
    const rules = Object.entries(rejected).flatMap(([rule, count]) => Array<string>(count).fill(rule));
    return { keys: [...tables[table].ind], rules };
  };
  return { pin: outcome("pin"), geo: outcome("geo"), user: outcome("user") };
}

const root = mkdtempSync(join(tmpdir(), "pinpipe-inexact-keys-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function batchOutcomes(): Promise<Record<TableName, Outcome>> {
  for (const table of TABLES) writeFileSync(join(root, `${table}.ndjson`), `${linesOf(table).join("\n")}\n`);
  const tables = await readCleanTables(readSourceRecords({ kind: "local", path: root }));
  const outcome = (table: TableName): Outcome => {
    const column = tables.columns[table].column("ind");
    const keys = column.kind === "int64" ? [...column.values] : [];
    const issues = tables.rejected[table].flatMap(
      (line) => (JSON.parse(line) as { issues: unknown[] }).issues,
    );
    return { keys, rules: issues.map((issue) => (issue as { rule: string }).rule), issues };
  };
  return { pin: outcome("pin"), geo: outcome("geo"), user: outcome("user") };
}

async function streamOutcome(table: TableName): Promise<Outcome> {
  const records: JsonRecord[] = linesOf(table).flatMap((line, index) => {
    const decoded = decodeKinesisRecord({
      Data: new TextEncoder().encode(line),
      PartitionKey: String(index),
      SequenceNumber: String(1000 + index),
    });
    return decoded.ok ? decoded.value.records.map((entry) => entry.record) : [];
  });
  const { files } = encodeShardBatch({
    table,
    shardId: "shardId-000000000000",
    items: kinesisItems(records),
    aggregates: [],
  });
  const parquet = files.find((file) => file.path.endsWith(".parquet"))?.body as Uint8Array;
  const rows = await parquetReadObjects({ file: parquet.slice().buffer });
  const rejected = files.find((file) => file.path.startsWith("stream/rejected/"))?.body as string;
  const issues = rejected
    .trimEnd()
    .split("\n")
    .flatMap((line) => (JSON.parse(line) as { issues: unknown[] }).issues);
  return {
    keys: rows.map((row) => Number(row.ind)),
    rules: issues.map((issue) => (issue as { rule: string }).rule),
    issues,
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
      // Batch and stream write the same issues; a key that parsed to a valid one shows its literal.
      expect(stream.issues).toEqual(batch[table].issues);
      const field = table === "pin" ? "index" : "ind";
      expect(batch[table].issues).toContainEqual({ field, value: "1e-400", rule: "invalid_key" });
      expect(batch[table].issues).toContainEqual({
        field,
        value: "1.00000000000000001",
        rule: "invalid_key",
      });
    }
  });
});
