import { DuckDBInstance } from "@duckdb/node-api";
import type { TableName } from "@pinpipe/clean";
import { cleanTablesSql } from "@pinpipe/clean/sql";
import { generatePostLines } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_KINDS, hostileLine } from "../core/hostileLines";
import { TABLES } from "../core/jobRunners";
import { loadRawLines, readLineOutcomes } from "./duckdbCleanSql";
import { isKnownDifference } from "./knownDifferences";
import { outcomeDifferences, referenceLineOutcomes } from "./lineOutcomes";

let db: DuckDBInstance;
const lines: Record<TableName, Uint8Array[]> = { pin: [], geo: [], user: [] };

beforeAll(async () => {
  for (const post of generatePostLines({ seed: 5, count: 3000, dirty: 0.3, duplicates: 0.2 })) {
    for (const table of TABLES) lines[table].push(Buffer.from(post[table], "utf8"));
  }
  for (const table of TABLES) {
    for (let kind = 0; kind < HOSTILE_KINDS; kind++) {
      for (let pick = 0; pick < 12; pick++) {
        const text = ["", " ", "\u00a0Chad", "n/a", "No Title Data Available", "  padded  ", "日本"][
          pick % 7
        ]!;
        const number = [1.5, -0, 1e21, 36, -3][pick % 5]!;
        const line = hostileLine({ table, kind, key: 40 + pick, slot: pick, text, number, pick, at: 0 });
        if (isKnownDifference(line)) continue;
        lines[table].splice(7 * (kind * 12 + pick), 0, line);
      }
    }
  }
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
});

afterAll(() => db?.closeSync());

describe("the generated cleaning SQL on DuckDB", () => {
  it("gives each line the TypeScript cleaners' clean row or rejection reason", async () => {
    const connection = await db.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      const notUtf8 = new Map<TableName, Map<number, unknown>>();
      for (const table of TABLES) notUtf8.set(table, await loadRawLines(connection, table, lines[table]));
      for (const { sql } of cleanTablesSql({ dialect: "duckdb", withPosition: true, maxLineBytes: 1024 })) {
        await connection.run(sql);
      }
      for (const table of TABLES) {
        const expected = referenceLineOutcomes(table, lines[table], 1024);
        const actual = new Map([
          ...(notUtf8.get(table) ?? []),
          ...(await readLineOutcomes(connection, table)),
        ]);
        expect(outcomeDifferences(lines[table], expected, actual as never), table).toEqual([]);
      }
    } finally {
      connection.closeSync();
    }
  });
});
