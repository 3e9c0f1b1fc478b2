import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allQuerySql, analyze, QUERY_NAMES, type QueryOptions, querySql } from "../../src/index";
import { cleanTablesArbitrary } from "./cleanTablesArbitrary";
import { loadIntoDuckDb } from "./loadIntoDuckDb";

const OPTION_COMBINATIONS: QueryOptions[] = (["all", "first"] as const).flatMap((ties) =>
  (["lower", "exact"] as const).flatMap((median) =>
    [false, true].map((dedupe) => ({ ties, median, dedupe })),
  ),
);

/** Queries whose result depends on each option; the others are compared under its default only, to save time. */
const USES_TIES = new Set(["q1", "q2", "q3", "q3_top", "q4"]);
const USES_MEDIAN = new Set(["q5", "q7", "q8"]);
const isRelevant = (name: string, { ties, median }: QueryOptions) =>
  (ties === "all" || USES_TIES.has(name)) && (median === "lower" || USES_MEDIAN.has(name));

/** DuckDB returns BIGINT counts and years as bigint; the TypeScript rows use numbers. */
function normalize(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
    ),
  );
}

describe("querySql on DuckDB returns exactly the TypeScript results", () => {
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

  it("for every query and option combination, same rows in the same order", async () => {
    await fc.assert(
      fc.asyncProperty(cleanTablesArbitrary, async (clean) => {
        await loadIntoDuckDb(connection, clean);
        for (const options of OPTION_COMBINATIONS) {
          const expected = analyze(clean, options);
          const sql = allQuerySql({ options });
          for (const name of QUERY_NAMES.filter((query) => isRelevant(query, options))) {
            const reader = await connection.runAndReadAll(sql[name]);
            const actual = normalize(reader.getRowObjectsJS());
            expect(actual, `${name} ${JSON.stringify(options)}`).toEqual(expected[name]);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("querySql text", () => {
  it("reads the given table names, user_data by default", () => {
    expect(querySql("q6")).toContain("FROM user_data u");
    const sql = querySql("q1", { tables: { pin: "lake.pins", geo: "geo_rows" } });
    expect(sql).toContain("FROM lake.pins p INNER JOIN geo_rows g ON p.ind = g.ind");
  });

  it("reads each table through SELECT DISTINCT * only with dedupe", () => {
    expect(querySql("q7", { options: { dedupe: true } })).toContain(
      "distinct_user AS (SELECT DISTINCT * FROM user_data)",
    );
    expect(querySql("q7")).not.toContain("DISTINCT");
  });

  it("uses rank() for all ties and row_number() with the name as tie-break for first", () => {
    expect(querySql("q3")).toContain("rank() OVER (PARTITION BY country ORDER BY follower_count DESC)");
    expect(querySql("q3", { options: { ties: "first" } })).toContain(
      "row_number() OVER (PARTITION BY country ORDER BY follower_count DESC, poster_name ASC NULLS LAST)",
    );
  });

  it("uses percentile_disc for the lower median and percentile_cont for the exact one", () => {
    expect(querySql("q5")).toContain("percentile_disc(0.5) WITHIN GROUP (ORDER BY follower_count)");
    expect(querySql("q8", { options: { median: "exact" } })).toContain("percentile_cont(0.5) WITHIN GROUP");
  });

  it("has one text per query name in allQuerySql", () => {
    const all = allQuerySql({ options: { ties: "first" } });
    expect(Object.keys(all)).toEqual([...QUERY_NAMES]);
    for (const name of QUERY_NAMES) expect(all[name]).toBe(querySql(name, { options: { ties: "first" } }));
  });

  it.each([
    [{ tables: { geo: "geo; DROP TABLE pin" } }, /table name for geo must be a plain or dotted identifier/],
    [{ tables: { user: "" } }, /table name for user/],
    [{ tables: { users: "u" } }, /unknown table "users"/],
    [{ options: { median: "avg" } }, /invalid query option median/],
  ])("rejects %j", (options, message) => {
    expect(() => querySql("q1", options as never)).toThrow(TypeError);
    expect(() => querySql("q1", options as never)).toThrow(message);
  });

  it("rejects an unknown query name", () => {
    expect(() => querySql("q9" as never)).toThrow(
      'unknown query "q9" (expected one of q1, q2, q3, q3_top, q4, q5, q6, q7, q8)',
    );
  });
});
