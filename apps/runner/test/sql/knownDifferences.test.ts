import { DuckDBInstance } from "@duckdb/node-api";
import { cleanTablesSql } from "@pinpipe/clean/sql";
import { describe, expect, it } from "vitest";
import { loadRawLines, readLineOutcomes } from "./duckdbCleanSql";
import { isKnownDifference } from "./knownDifferences";
import { type LineOutcome, referenceLineOutcomes } from "./lineOutcomes";

/**
 * Where the engines' JSON readers part from `JSON.parse` (docs/spark.md): each case states what
 * pinpipe does and what DuckDB's SQL does, so a change on either side shows here. The Spark side
 * is pinned in apps/runner/test/spark.
 */
const CASES: { line: string; pinpipe: string; duckdb: string; known: boolean }[] = [
  // A member given twice: JSON.parse keeps the last, DuckDB reads the first.
  { line: '{"ind": 1, "country": "Chad", "country": "Peru"}', pinpipe: "Peru", duckdb: "Chad", known: true },
  { line: '{"ind": 1, "ind": 2}', pinpipe: "ind 2", duckdb: "ind 1", known: true },
  // A lone surrogate escape: JSON.parse accepts it (the clean text then holds U+FFFD), DuckDB rejects the line.
  { line: '{"ind": 1, "country": "\\ud800"}', pinpipe: "\ufffd", duckdb: "invalid_json", known: true },
  // What JSON forbids and DuckDB's reader allows.
  { line: '{"ind": 1, "country": "Chad",}', pinpipe: "invalid_json", duckdb: "Chad", known: false },
  {
    line: '{"ind": 1, "latitude": NaN, "longitude": 1, "country": "Chad"}',
    pinpipe: "invalid_json",
    duckdb: "Chad",
    known: false,
  },
];

function summary(outcome: LineOutcome | undefined): string {
  if (outcome === undefined) return "none";
  if ("reason" in outcome) return outcome.reason;
  const row = JSON.parse(outcome.row) as { ind: number; country: string | null };
  return row.country === "Chad" || row.country === "Peru" || row.country === "\ufffd"
    ? String(row.country)
    : `ind ${row.ind}`;
}

describe("known differences between JSON.parse and DuckDB's JSON reader", () => {
  it("are what docs/spark.md says, line by line", async () => {
    const lines = CASES.map(({ line }) => Buffer.from(line, "utf8"));
    const db = await DuckDBInstance.create(":memory:", { threads: "1" });
    const connection = await db.connect();
    try {
      await loadRawLines(connection, "geo", lines);
      await loadRawLines(connection, "pin", []);
      await loadRawLines(connection, "user", []);
      for (const { sql } of cleanTablesSql({ dialect: "duckdb", withPosition: true }))
        await connection.run(sql);
      const duckdb = await readLineOutcomes(connection, "geo");
      const reference = referenceLineOutcomes("geo", lines, 1024);
      CASES.forEach((entry, at) => {
        expect(summary(reference.get(at)), `pinpipe on ${entry.line}`).toBe(entry.pinpipe);
        expect(summary(duckdb.get(at)), `DuckDB on ${entry.line}`).toBe(entry.duckdb);
        expect(isKnownDifference(lines[at]!), `the differential corpus leaves out ${entry.line}`).toBe(
          entry.known,
        );
      });
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  });
});
