import { DuckDBInstance } from "@duckdb/node-api";
import type { TableName } from "@pinpipe/clean";
import { cleanTablesSql } from "@pinpipe/clean/sql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLES } from "../core/jobRunners";
import { loadRawLines, readLineOutcomes } from "./duckdbCleanSql";
import { outcomeDifferences, referenceLineOutcomes } from "./lineOutcomes";
import { sqlTestCorpus } from "./sqlCorpus";

let db: DuckDBInstance;
const lines: Record<TableName, Uint8Array[]> = { pin: [], geo: [], user: [] };

beforeAll(async () => {
  Object.assign(lines, sqlTestCorpus(5, 3000));
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
