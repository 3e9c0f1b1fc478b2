import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_NAMES, type QueryName } from "../../src/queries/queryNames";
import { QUERY_REGISTRY } from "../../src/queries/queryRegistry";
import { runQueries } from "../../src/queries/runQueries";
import { querySql } from "../../src/sql/querySql";
import { type CleanTables, toAnalyticsTables } from "../../src/toAnalyticsTables";
import { cleanTablesArbitrary } from "../sql/cleanTablesArbitrary";
import { loadIntoDuckDb } from "../sql/loadIntoDuckDb";

const TABLES = ["pin", "geo", "user"] as const;

/** Deterministic small datasets: enough that every query has rows in some of them. */
const samples: CleanTables[] = fc.sample(cleanTablesArbitrary, { numRuns: 40, seed: 11 });

const run = (name: QueryName, clean: CleanTables) => QUERY_REGISTRY[name].run(toAnalyticsTables(clean));

/** `clean` with every table `name` does not read emptied. */
function onlyRead(name: QueryName, clean: CleanTables): CleanTables {
  const read = new Set<string>(QUERY_REGISTRY[name].tablesRead);
  return {
    pin: read.has("pin") ? clean.pin : [],
    geo: read.has("geo") ? clean.geo : [],
    user: read.has("user") ? clean.user : [],
  };
}

describe("QUERY_REGISTRY", () => {
  it("lists exactly QUERY_NAMES, in order, each under its own name", () => {
    expect(Object.keys(QUERY_REGISTRY)).toEqual([...QUERY_NAMES]);
    for (const name of QUERY_NAMES) expect(QUERY_REGISTRY[name].name).toBe(name);
  });

  it("gives every query a title in words and a one-sentence description", () => {
    const titles = QUERY_NAMES.map((name) => QUERY_REGISTRY[name].title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const name of QUERY_NAMES) {
      const { title, description } = QUERY_REGISTRY[name];
      expect(title, name).toMatch(/^[A-Z][^.\n]+[^.\s]$/);
      expect(description, name).toMatch(/^[A-Zq][^\n]+\.$/);
      expect(description.slice(0, -1), name).not.toMatch(/\.\s/);
    }
  });

  it("names the columns of the rows its TypeScript implementation returns, in order", () => {
    const withRows = new Set<QueryName>();
    for (const clean of samples) {
      for (const name of QUERY_NAMES) {
        const rows = run(name, clean);
        if (rows.length > 0) withRows.add(name);
        for (const row of rows) expect(Object.keys(row), name).toEqual(QUERY_REGISTRY[name].columns);
      }
    }
    expect([...withRows].sort()).toEqual([...QUERY_NAMES].sort());
  });

  it("runs as runQueries does, q3_top from q3's rows or on its own alike", () => {
    for (const clean of samples.slice(0, 10)) {
      const tables = toAnalyticsTables(clean);
      for (const options of [{ ties: "all" }, { ties: "first", median: "exact" }] as const) {
        const all = runQueries(tables, options);
        for (const name of QUERY_NAMES) {
          expect(QUERY_REGISTRY[name].run(tables, options), name).toEqual(all[name]);
        }
        expect(QUERY_REGISTRY.q3_top.run(tables, options, { q3: all.q3 })).toEqual(all.q3_top);
      }
    }
  });

  it("reads no table outside tablesRead: emptying the others leaves every result unchanged", () => {
    fc.assert(
      fc.property(cleanTablesArbitrary, (clean) => {
        for (const name of QUERY_NAMES) {
          expect(run(name, onlyRead(name, clean)), name).toEqual(run(name, clean));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("needs every table in tablesRead: emptying one changes some result", () => {
    for (const name of QUERY_NAMES) {
      for (const table of QUERY_REGISTRY[name].tablesRead) {
        const matters = samples.some(
          (clean) =>
            JSON.stringify(run(name, { ...clean, [table]: [] })) !== JSON.stringify(run(name, clean)),
        );
        expect(matters, `${name} reads ${table}`).toBe(true);
      }
    }
    expect(QUERY_REGISTRY.q6.tablesRead).toEqual(["user"]);
    expect(QUERY_REGISTRY.q3_top.tablesRead).toEqual(["pin", "geo"]);
    expect(QUERY_REGISTRY.q8.tablesRead).toEqual(["pin", "user"]);
    for (const name of QUERY_NAMES) {
      expect(TABLES.filter((table) => QUERY_REGISTRY[name].tablesRead.includes(table))).toEqual(
        QUERY_REGISTRY[name].tablesRead,
      );
    }
  });

  it("sql is querySql's text, under the given options and table names", () => {
    const sqlOptions = { tables: { user: "users" }, options: { ties: "first", median: "exact" } } as const;
    for (const name of QUERY_NAMES) {
      expect(QUERY_REGISTRY[name].sql(), name).toBe(querySql(name));
      expect(QUERY_REGISTRY[name].sql(sqlOptions), name).toBe(querySql(name, sqlOptions));
    }
    expect(QUERY_REGISTRY.q6.sql(sqlOptions)).toContain("FROM users u");
    expect(() => QUERY_REGISTRY.q1.sql({ options: { ties: "some" as never } })).toThrow(TypeError);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(QUERY_REGISTRY)).toBe(true);
    expect(Object.isFrozen(QUERY_REGISTRY.q1)).toBe(true);
    expect(Object.isFrozen(QUERY_REGISTRY.q1.columns)).toBe(true);
  });
});

describe("QUERY_REGISTRY on DuckDB", () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", { threads: "1" });
    connection = await instance.connect();
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it("names the columns its SQL returns, in order", async () => {
    await loadIntoDuckDb(connection, samples[0]!);
    for (const name of QUERY_NAMES) {
      for (const options of [{}, { ties: "first", median: "exact", dedupe: true }] as const) {
        const reader = await connection.runAndReadAll(QUERY_REGISTRY[name].sql({ options }));
        expect(reader.columnNames(), name).toEqual(QUERY_REGISTRY[name].columns);
      }
    }
  });
});
