import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CleanOptions, cleanerFor, type TableName } from "../../src/index";
import { CLEAN_SQL_VIEWS, cleanTablesSql } from "../../src/sql";

let db: DuckDBInstance;
beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(() => db?.closeSync());

type Outcome = Record<string, unknown> | string;

/** Runs the DuckDB cleaning SQL on lines of one table: each line's clean row or reject reason. */
async function cleanWithSql(
  table: TableName,
  lines: readonly string[],
  options: { clean?: CleanOptions; maxLineBytes?: number } = {},
): Promise<Outcome[]> {
  const connection = await db.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const name of ["pin", "geo", "user"] as const) {
      const rows = name === table ? lines : [];
      const values = rows.map((line, at) => `(${at}, '${line.replaceAll("'", "''")}')`).join(", ");
      await connection.run(
        `CREATE OR REPLACE TABLE ${CLEAN_SQL_VIEWS[name].raw} AS SELECT * FROM (VALUES ${values || "(0, '')"}) t(position, line) WHERE ${rows.length > 0}`,
      );
    }
    for (const { sql } of cleanTablesSql({ dialect: "duckdb", withPosition: true, ...options })) {
      await connection.run(sql);
    }
    const outcomes: Outcome[] = lines.map(() => "missing");
    const views = CLEAN_SQL_VIEWS[table];
    for (const row of (await connection.runAndReadAll(`SELECT * FROM ${views.rejected}`)).getRowObjectsJS()) {
      outcomes[Number(row.position)] = String(row.reason);
    }
    for (const { position, ...row } of (
      await connection.runAndReadAll(`SELECT * FROM ${views.clean}`)
    ).getRowObjectsJS()) {
      outcomes[Number(position)] = Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === "bigint"
            ? Number(value)
            : value instanceof Date
              ? value.toISOString()
              : Array.isArray(value)
                ? [...value]
                : value,
        ]),
      );
    }
    return outcomes;
  } finally {
    connection.closeSync();
  }
}

/** The TypeScript cleaner's outcome of the same lines (dates as ISO text, as the SQL rows above). */
function cleanWithTypeScript(table: TableName, lines: readonly string[], clean?: CleanOptions): Outcome[] {
  return lines.map((line) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return "invalid_json";
    }
    const result = cleanerFor(table)(raw, clean);
    if (!result.ok) return result.issues.at(-1)?.rule ?? "?";
    return Object.fromEntries(
      Object.entries(result.value).map(([key, value]) => [
        key,
        value instanceof Date ? value.toISOString() : value,
      ]),
    );
  });
}

const pin = (fields: Record<string, unknown>) =>
  JSON.stringify({ index: 1, unique_id: "u", title: "t", description: "d", poster_name: "p", ...fields });

describe("cleanTablesSql (DuckDB dialect) against the TypeScript cleaners", () => {
  it("reads follower counts with the cleaners' grammar, exactly", async () => {
    const values = [
      "1.5k",
      "1,234",
      "12,345,678",
      "1,23",
      " 2M\u00a0",
      "1.2345k",
      "12.0",
      "1.5",
      "12kk",
      "-5",
      "NaN",
      "",
      "User Info Error",
      "0.5k",
      "9007199254740991",
      "9007199254740992",
      "9007.199254740991B",
      "000000000000000000000000012",
      "5.k",
      "1.1k",
      12000,
      1.5e3,
      -0,
      1.5,
      Number.POSITIVE_INFINITY,
      null,
      true,
    ];
    const lines = values.map((follower_count) =>
      typeof follower_count === "number" && !Number.isFinite(follower_count)
        ? '{"index": 1, "follower_count": 1e400}'
        : pin({ follower_count }),
    );
    const sql = await cleanWithSql("pin", lines);
    expect(sql).toEqual(cleanWithTypeScript("pin", lines));
    expect(sql.map((row) => (row as Record<string, unknown>).follower_count).slice(0, 3)).toEqual([
      1500, 1234, 12345678,
    ]);
  });

  it("uses the placeholder dictionary and a clean config's overrides", async () => {
    const titles = ["No Title Data Available", "Untitled", "n/a", " \u00a0", "Kitten", "it's"];
    const lines = titles.map((title) => pin({ title }));
    const defaults = await cleanWithSql("pin", lines);
    expect(defaults.map((row) => (row as Record<string, unknown>).title)).toEqual([
      null,
      null,
      "n/a",
      null,
      "Kitten",
      "it's",
    ]);
    const clean: CleanOptions = { placeholders: { title: ["n/a", "it's"] } };
    const overridden = await cleanWithSql("pin", lines, { clean });
    expect(overridden.map((row) => (row as Record<string, unknown>).title)).toEqual([
      "No Title Data Available",
      "Untitled",
      null,
      null,
      "Kitten",
      null,
    ]);
    expect(overridden).toEqual(cleanWithTypeScript("pin", lines, clean));
  });

  it("strips the save_location prefix, repeated or not, and nulls a blank rest", async () => {
    const lines = [
      "Local save in /data/art",
      "Local save in Local save in /x",
      "/bare",
      "Local save in ",
      "local save in /y",
    ].map((save_location) => pin({ save_location }));
    const sql = await cleanWithSql("pin", lines);
    expect(sql.map((row) => (row as Record<string, unknown>).save_location)).toEqual([
      "/data/art",
      "/x",
      "/bare",
      null,
      "local save in /y",
    ]);
    expect(sql).toEqual(cleanWithTypeScript("pin", lines));
  });

  it("reads strict naive timestamps and coordinates in range", async () => {
    const stamps = [
      "2021-02-28 10:00:00",
      "2021-02-29 10:00:00",
      "2020-02-29 23:59:59",
      "2021-04-31 00:00:00",
      "2021-13-01 00:00:00",
      "2021-01-01 24:00:00",
      "2021-01-01 00:60:00",
      "2021-01-01 00:00:60",
      "2021-01-01T01:02:03Z",
      "2021-01-01 01:02:03Z",
      "2021-01-01 01:02:03.123456789",
      "2021-01-01T01:02:03.5",
      "1900-02-29 00:00:00",
      "2000-02-29 00:00:00",
      "2021/02/03 10:00:00",
      " 2021-01-01 00:00:00",
      "1614000000",
    ];
    const coordinates: [unknown, unknown][] = [
      [90, 180],
      [-90.5, 0],
      [0, -180.0001],
      [-0, 1],
      ["1", 2],
      [null, 3],
    ];
    const lines = stamps.map((timestamp, at) => {
      const [latitude, longitude] = coordinates[at % coordinates.length]!;
      return JSON.stringify({ ind: at, timestamp, latitude, longitude, country: "Chad" });
    });
    const sql = await cleanWithSql("geo", lines);
    expect(sql).toEqual(cleanWithTypeScript("geo", lines));
    expect((sql[1] as Record<string, unknown>).timestamp).toBeNull();
    expect((sql[10] as Record<string, unknown>).timestamp).toBe("2021-01-01T01:02:03.123Z");
  });

  it("joins trimmed user names and keeps ages 0..150", async () => {
    const people: [unknown, unknown, unknown][] = [
      ["Ada", "Lovelace", 36],
      [" Ada\u00a0", null, 0],
      [null, "\tLovelace", 150],
      ["", " ", 151],
      [1, "B", 36.0],
      ["A", "B", -1],
      ["A", "B", 1.5],
      ["A", "B", "36"],
    ];
    const lines = people.map(([first_name, last_name, age], ind) =>
      JSON.stringify({ ind, first_name, last_name, age, date_joined: "2016-02-29 08:00:00" }),
    );
    const sql = await cleanWithSql("user", lines);
    expect(sql).toEqual(cleanWithTypeScript("user", lines));
    expect(sql.map((row) => (row as Record<string, unknown>).user_name)).toEqual([
      "Ada Lovelace",
      "Ada",
      "Lovelace",
      null,
      "B",
      "A B",
      "A B",
      "A B",
    ]);
  });

  it("rejects what cannot be keyed, judging a key's literal exactly", async () => {
    const keys = [
      "1e2",
      "1.0",
      "-0",
      "1e-400",
      "4503599627370495.5",
      "9007199254740991",
      "9007199254740992",
      "-3",
      "1.5",
      '"7"',
      "null",
      "1E+1",
      "0.0e5",
      "1e99999999999",
    ];
    const lines = [
      ...keys.map((key) => `{"ind": ${key}, "country": "Chad"}`),
      '{"country": "Chad"}',
      "[1]",
      "{",
      "42",
    ];
    const sql = await cleanWithSql("geo", lines);
    expect(sql.map((row) => (typeof row === "string" ? row : row.ind))).toEqual([
      100,
      1,
      0,
      "invalid_key",
      "invalid_key",
      9007199254740991,
      "invalid_key",
      "invalid_key",
      "invalid_key",
      "invalid_key",
      "invalid_key",
      10,
      0,
      "invalid_key",
      "missing_key",
      "not_an_object",
      "invalid_json",
      "not_an_object",
    ]);
  });

  it("keys a pin by index, or by ind when index is absent, and rejects lines over the limit", async () => {
    const lines = [
      '{"index": 3, "ind": 4}',
      '{"ind": 4}',
      '{"index": null, "ind": 4}',
      `{"index": 5, "title": "${"x".repeat(50)}"}`,
    ];
    const sql = await cleanWithSql("pin", lines, { maxLineBytes: 40 });
    expect(sql.map((row) => (typeof row === "string" ? row : row.ind))).toEqual([
      3,
      4,
      "invalid_key",
      "too_long",
    ]);
  });

  it("lists the clean columns in the schema's order", async () => {
    const [row] = await cleanWithSql("pin", [pin({})]);
    expect(Object.keys(row as object)).toEqual([
      "ind",
      "unique_id",
      "title",
      "description",
      "follower_count",
      "poster_name",
      "tag_list",
      "is_image_or_video",
      "image_src",
      "save_location",
      "category",
    ]);
  });

  it("drops clean rows equal in every column with dedupe", async () => {
    const connection = await db.connect();
    try {
      await connection.run(
        `CREATE OR REPLACE TABLE raw_pin AS SELECT * FROM (VALUES (0, '{"index": 1}'), (1, '{"index": 1}'), (2, '{"index": 2}')) t(position, line)`,
      );
      await connection.run("CREATE OR REPLACE TABLE raw_geo (position INT, line VARCHAR)");
      await connection.run("CREATE OR REPLACE TABLE raw_user (position INT, line VARCHAR)");
      for (const dedupe of [false, true]) {
        for (const { sql } of cleanTablesSql({ dialect: "duckdb", dedupe })) await connection.run(sql);
        const counted = (await connection.runAndReadAll("SELECT count(*) AS n FROM pin")).getRowObjectsJS();
        expect(Number(counted[0]?.n)).toBe(dedupe ? 2 : 3);
      }
    } finally {
      connection.closeSync();
    }
  });
});
