import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { TableName } from "@pinpipe/clean";
import { parquetReadObjects } from "hyparquet";
import { normalizeRow, TABLES } from "../core/jobRunners";
import type { SparkDeltaTable } from "./sparkSession";

/**
 * Each table's lines as Kafka Connect S3 sink objects (`topics/0a1b2c.<table>/partition=0/
 * 0a1b2c.<table>+0+<offset>.json`) of `objectLines` lines, exact bytes; the object holding line
 * `gzipLine` gzipped (`.json.gz`), as the S3 sink writes with compression on.
 *
 * @example
 * const objects = kafkaConnectObjects(sqlTestCorpus(1, 100), 400, 0); // objects[0].key ends in ".json.gz"
 */
export function kafkaConnectObjects(
  lines: Record<TableName, Uint8Array[]>,
  objectLines: number,
  gzipLine: number,
): { key: string; body: Buffer }[] {
  const objects: { key: string; body: Buffer }[] = [];
  for (const table of TABLES) {
    for (let start = 0; start < lines[table].length; start += objectLines) {
      const parts = lines[table]
        .slice(start, start + objectLines)
        .flatMap((line) => [line, Buffer.from("\n")]);
      const key = `topics/0a1b2c.${table}/partition=0/0a1b2c.${table}+0+${String(start).padStart(10, "0")}.json`;
      const body = Buffer.concat(parts);
      const gzipped = start <= gzipLine && gzipLine < start + objectLines;
      objects.push(gzipped ? { key: `${key}.gz`, body: gzipSync(body) } : { key, body });
    }
  }
  return objects;
}

/**
 * The entries of `actual` missing from `expected` and the other way round (a few of each).
 *
 * @example
 * multisetDifference(["a", "a"], ["a"]); // { extra: ["a"], missing: [] }
 */
export function multisetDifference(
  actual: string[],
  expected: string[],
): { extra: string[]; missing: string[] } {
  const count = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    return counts;
  };
  const a = count(actual);
  const e = count(expected);
  const over = (x: Map<string, number>, y: Map<string, number>) =>
    [...x]
      .filter(([k, n]) => n > (y.get(k) ?? 0))
      .map(([k]) => k.slice(0, 400))
      .slice(0, 3);
  return { extra: over(a, e), missing: over(e, a) };
}

/**
 * Rows of a Delta table as Spark read it, in the form of batch's: instants in epoch ms, no derived year.
 *
 * @example
 * const rows = deltaRows(await session.readDelta(dir)); // compare with rowMultiset(batch rows)
 */
export function deltaRows(table: SparkDeltaTable): Record<string, unknown>[] {
  const instants = new Set(table.schema.filter((f) => f.type === "timestamp").map((f) => f.name));
  return table.rows.map((row) => {
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (name === "post_year" || name === "join_year") continue;
      copy[name] = instants.has(name) && value !== null ? (value as number) / 1000 : value;
    }
    return normalizeRow(copy);
  });
}

/**
 * Rejected lines (JSON lines texts) as comparable texts: where (`file` or S3 `key`), why and the
 * exact bytes, sorted.
 *
 * @example
 * rejectedKeys(['{"position":{"file":"a","line":1,"byteOffset":0},"reason":"invalid_json","raw":"x"}']);
 */
export function rejectedKeys(texts: string[]): string[] {
  return texts
    .flatMap((text) => text.split("\n"))
    .filter((line) => line !== "")
    .map((line) => {
      const entry = JSON.parse(line) as {
        position: { file?: string; key?: string; line: number; byteOffset: number };
        reason: string;
        raw?: string | null;
        rawEncoding?: string | null;
      };
      const { file, key, line: number, byteOffset } = entry.position;
      return JSON.stringify([
        // A folder's files by their path under it, an S3 prefix's objects by their key.
        file === undefined ? `key ${key}` : `file ${file}`,
        number,
        byteOffset,
        entry.reason,
        entry.raw ?? null,
        entry.rawEncoding ?? null,
      ]);
    })
    .sort();
}

/**
 * The rows of every Parquet file under `dir` (recursively), normalized as batch's rows are.
 *
 * @example
 * const rows = await parquetRowsUnder("out/tables/pin");
 */
export async function parquetRowsUnder(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const path of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) =>
    p.endsWith(".parquet"),
  )) {
    const bytes = readFileSync(join(dir, path));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    for (const row of (await parquetReadObjects({ file })) as Record<string, unknown>[])
      rows.push(normalizeRow(row));
  }
  return rows;
}
