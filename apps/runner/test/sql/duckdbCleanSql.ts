import type { DuckDBConnection } from "@duckdb/node-api";
import type { TableName } from "@pinpipe/clean";
import { CLEAN_SQL_VIEWS } from "@pinpipe/clean/sql";
import { isBlankLine, normalizeRow } from "../core/jobRunners";
import type { LineOutcome } from "./lineOutcomes";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Loads raw lines into DuckDB as the cleaning SQL's input view (`raw_pin` …: `line`, `position`),
 * doing what the SQL leaves to the reader: blank lines are not records, and bytes that are not
 * UTF-8 are `invalid_json` (returned, not loaded). `position` is the line's index in `lines`.
 */
export async function loadRawLines(
  connection: DuckDBConnection,
  table: TableName,
  lines: readonly Uint8Array[],
): Promise<Map<number, LineOutcome>> {
  const raw = CLEAN_SQL_VIEWS[table].raw;
  await connection.run(`CREATE OR REPLACE TABLE ${raw} (line VARCHAR, position BIGINT)`);
  const appender = await connection.createAppender(raw);
  const notUtf8 = new Map<number, LineOutcome>();
  lines.forEach((bytes, position) => {
    if (isBlankLine(bytes)) return;
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      notUtf8.set(position, { reason: "invalid_json" });
      return;
    }
    appender.appendVarchar(text);
    appender.appendBigInt(BigInt(position));
    appender.endRow();
  });
  appender.closeSync();
  return notUtf8;
}

/** A DuckDB row as the reference normalizes rows (TIMESTAMP read as UTC epoch milliseconds). */
function normalizeDuckDbRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      value instanceof Date
        ? value.getTime()
        : Array.isArray(value)
          ? value.map((v) => (typeof v === "bigint" ? Number(v) : v))
          : value;
  }
  return normalizeRow(out);
}

/** The clean rows of a table's clean view, normalized. */
export async function readCleanRows(
  connection: DuckDBConnection,
  table: TableName,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${CLEAN_SQL_VIEWS[table].clean}`);
  return reader.getRowObjectsJS().map(normalizeDuckDbRow);
}

/**
 * What the SQL made of each loaded line (clean row or reject reason), keyed by position; the
 * clean views must have been created `withPosition`.
 */
export async function readLineOutcomes(
  connection: DuckDBConnection,
  table: TableName,
): Promise<Map<number, LineOutcome>> {
  const outcomes = new Map<number, LineOutcome>();
  const views = CLEAN_SQL_VIEWS[table];
  const rejected = await connection.runAndReadAll(`SELECT position, reason FROM ${views.rejected}`);
  for (const row of rejected.getRowObjectsJS()) {
    outcomes.set(Number(row.position), { reason: String(row.reason) });
  }
  const clean = await connection.runAndReadAll(`SELECT * FROM ${views.clean}`);
  for (const { position, ...row } of clean.getRowObjectsJS()) {
    outcomes.set(Number(position), { row: JSON.stringify(normalizeDuckDbRow(row)) });
  }
  return outcomes;
}
