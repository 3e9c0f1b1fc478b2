import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CleanTableColumns, cleanTableToParquet, PARQUET_CREATED_BY } from "../../src/parquet/index";

const pins: CleanPin[] = [
  {
    ind: 9_007_199_254_740_991,
    unique_id: "31af679a-6e4f-426f-9fef-734309348d0e",
    title: 'Kitten, "quoted"\nand a new line',
    description: null,
    follower_count: 3_000_000_000,
    poster_name: "Bored Panda",
    tag_list: "Pretty Art,Cute Art",
    is_image_or_video: "image",
    image_src: null,
    save_location: "/data/art",
    category: "art",
  },
  {
    ind: 0,
    unique_id: null,
    title: "Ünïcödé ✓ 😀",
    description: "",
    follower_count: null,
    poster_name: null,
    tag_list: null,
    is_image_or_video: null,
    image_src: null,
    save_location: null,
    category: null,
  },
];
const geos: CleanGeo[] = [
  { ind: 2, country: "Chad", coordinates: [-89.5, 179.25], timestamp: new Date("2022-03-14T04:34:13Z") },
  { ind: 1, country: null, coordinates: null, timestamp: null },
  {
    ind: 3,
    country: "Côte d'Ivoire",
    coordinates: [0, -0.5],
    timestamp: new Date("1969-12-31T23:59:59.999Z"),
  },
];
const users: CleanUser[] = [
  { ind: 5, user_name: "Adam Acosta", age: 150, date_joined: new Date("2015-10-21T21:26:45Z") },
  { ind: 6, user_name: null, age: null, date_joined: null },
];

describe("cleanTableToParquet (read back with DuckDB)", () => {
  let dir: string;
  let db: DuckDBInstance;

  const write = (name: string, bytes: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const query = async (sql: string) => {
    const connection = await db.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  };
  const types = async (path: string) =>
    Object.fromEntries(
      (await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).map((row) => [
        row.column_name,
        row.column_type,
      ]),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pinpipe-parquet-"));
    db = await DuckDBInstance.create(":memory:");
  });
  afterAll(() => {
    db?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes pins with INT64 integers and UTF8 strings, values and nulls intact", async () => {
    const path = write("pin.parquet", cleanTableToParquet("pin", pins));
    expect(await types(path)).toEqual({
      ind: "BIGINT",
      unique_id: "VARCHAR",
      title: "VARCHAR",
      description: "VARCHAR",
      follower_count: "BIGINT",
      poster_name: "VARCHAR",
      tag_list: "VARCHAR",
      is_image_or_video: "VARCHAR",
      image_src: "VARCHAR",
      save_location: "VARCHAR",
      category: "VARCHAR",
    });
    const rows = await query(`SELECT * FROM read_parquet('${path}')`);
    // DuckDB's JSON rows hold BIGINTs as strings.
    expect(rows).toEqual(
      pins.map((pin) => ({
        ...pin,
        ind: String(pin.ind),
        follower_count: pin.follower_count === null ? null : String(pin.follower_count),
      })),
    );
  });

  it("writes geo coordinates as a list of two doubles and timestamps as UTC-adjusted milliseconds", async () => {
    const path = write("geo.parquet", cleanTableToParquet("geo", geos));
    expect(await types(path)).toEqual({
      ind: "BIGINT",
      country: "VARCHAR",
      coordinates: "DOUBLE[]",
      timestamp: "TIMESTAMP WITH TIME ZONE",
    });
    const rows = await query(
      `SELECT ind::DOUBLE AS ind, country, coordinates, epoch_ms(timestamp)::DOUBLE AS millis FROM read_parquet('${path}')`,
    );
    expect(rows).toEqual(
      geos.map((geo) => ({
        ind: geo.ind,
        country: geo.country,
        coordinates: geo.coordinates,
        millis: geo.timestamp?.getTime() ?? null,
      })),
    );
    const schema = await query(
      `SELECT name, type, converted_type, logical_type, repetition_type FROM parquet_schema('${path}') WHERE name IN ('timestamp', 'country', 'coordinates', 'ind')`,
    );
    const byName = Object.fromEntries(schema.map((row) => [row.name, row]));
    expect(byName.timestamp).toMatchObject({ type: "INT64", converted_type: "TIMESTAMP_MILLIS" });
    expect(String(byName.timestamp?.logical_type)).toContain("isAdjustedToUTC=1");
    expect(byName.country).toMatchObject({ type: "BYTE_ARRAY", converted_type: "UTF8" });
    expect(byName.coordinates).toMatchObject({ converted_type: "LIST", repetition_type: "OPTIONAL" });
    expect(byName.ind).toMatchObject({ type: "INT64", repetition_type: "REQUIRED" });
  });

  it("writes user ages as INT32 and carries the fixed created_by", async () => {
    const path = write("user.parquet", cleanTableToParquet("user", users));
    expect(await types(path)).toEqual({
      ind: "BIGINT",
      user_name: "VARCHAR",
      age: "INTEGER",
      date_joined: "TIMESTAMP WITH TIME ZONE",
    });
    const rows = await query(
      `SELECT ind::DOUBLE AS ind, user_name, age, epoch_ms(date_joined)::DOUBLE AS millis FROM read_parquet('${path}')`,
    );
    expect(rows).toEqual(
      users.map((user) => ({
        ind: user.ind,
        user_name: user.user_name,
        age: user.age,
        millis: user.date_joined?.getTime() ?? null,
      })),
    );
    expect(
      await query(`SELECT created_by, num_rows::INTEGER AS rows FROM parquet_file_metadata('${path}')`),
    ).toEqual([{ created_by: PARQUET_CREATED_BY, rows: 2 }]);
  });

  it("writes the chosen rows in the given order, with every column", async () => {
    const columns = new CleanTableColumns("geo");
    for (const geo of geos) columns.push(geo);
    const path = write("some.parquet", cleanTableToParquet("geo", columns, { rows: [2, 0] }));
    expect(Object.keys(await types(path))).toEqual(["ind", "country", "coordinates", "timestamp"]);
    expect(await query(`SELECT ind::DOUBLE AS ind FROM read_parquet('${path}')`)).toEqual([
      { ind: 3 },
      { ind: 2 },
    ]);
  });

  it("writes an empty table as a valid file with the schema", async () => {
    const path = write("empty.parquet", cleanTableToParquet("user", []));
    expect(Object.keys(await types(path))).toEqual(["ind", "user_name", "age", "date_joined"]);
    expect(await query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`)).toEqual([{ n: 0 }]);
  });

  it("gives the same bytes for the same rows, whether from records or columns", () => {
    const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    const columns = new CleanTableColumns("pin");
    for (const pin of pins) columns.push(pin);
    const first = cleanTableToParquet("pin", pins);
    expect(sha(cleanTableToParquet("pin", pins))).toBe(sha(first));
    expect(sha(cleanTableToParquet("pin", columns))).toBe(sha(first));
    expect(sha(cleanTableToParquet("pin", [pins[1]!, pins[0]!]))).not.toBe(sha(first));
  });

  it("is read the same by a second, independent reader (hyparquet)", async () => {
    const bytes = cleanTableToParquet("geo", geos);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    const rows = await parquetReadObjects({ file });
    expect(rows).toEqual(
      geos.map((geo) => ({
        ind: BigInt(geo.ind),
        country: geo.country,
        coordinates: geo.coordinates ?? undefined, // hyparquet reads a null list as undefined
        timestamp: geo.timestamp,
      })),
    );
    const schema = parquetMetadata(file).schema;
    expect(schema.find((element) => element.name === "timestamp")).toMatchObject({
      type: "INT64",
      logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
    });
  });

  it("rejects rows the table does not have and columns of another table", () => {
    expect(() => cleanTableToParquet("user", users, { rows: [2] })).toThrow(RangeError);
    expect(() => cleanTableToParquet("user", users, { rows: [-1] })).toThrow(RangeError);
    expect(() => cleanTableToParquet("user", users, { rows: [0.5] })).toThrow(RangeError);
    const geoColumns = new CleanTableColumns("geo");
    expect(() => cleanTableToParquet("user", geoColumns as unknown as CleanTableColumns<"user">)).toThrow(
      /columns of geo given as user/,
    );
  });
});
