import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParquetColumn, ParquetFileWriter } from "@pinpipe/parquet";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type ColumnStats,
  fileStatsJson,
  localDeltaStorage,
  type NewDataFile,
  partitionValueText,
  type TableDefinition,
  writeTableCommit,
} from "../src/index";
import { utf8Column } from "./support/utf8Column";

const READER = fileURLToPath(new URL("./support/readDeltaTable.py", import.meta.url));

interface Row {
  readonly ind: number;
  readonly country: string | null;
  readonly timestamp: number | null;
  readonly category: string | null;
}

const COLUMNS: readonly ParquetColumn[] = [
  { name: "ind", type: "int64", required: true },
  { name: "country", type: "utf8" },
  { name: "timestamp", type: "timestamp-micros" },
];

const DEFINITION: TableDefinition = {
  name: "test_table",
  fields: [
    { name: "ind", type: "long", nullable: false },
    { name: "country", type: "string", nullable: true },
    { name: "timestamp", type: "timestamp", nullable: true },
    { name: "category", type: "string", nullable: true },
  ],
  partitionColumns: ["category"],
};

/** Writes rows of one category as a Parquet file under the table and describes it for an add. */
async function writeDataFile(dir: string, path: string, rows: readonly Row[]): Promise<NewDataFile> {
  const writer = new ParquetFileWriter(COLUMNS, { createdBy: "test" });
  const head = writer.writeRowGroup(
    [
      { kind: "numbers", values: Float64Array.from(rows, (row) => row.ind) },
      utf8Column(rows.map((row) => row.country)),
      { kind: "numbers", values: Float64Array.from(rows, (row) => row.timestamp ?? Number.NaN) },
    ],
    rows.length,
  );
  const tail = writer.finish();
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), Buffer.concat([head, tail]));
  const types = ["long", "string", "timestamp"] as const;
  const stats: ColumnStats[] = writer
    .statistics()
    .map((statistics, i) => ({ name: COLUMNS[i]!.name, type: types[i]!, ...statistics }));
  return {
    path,
    partitionValues: { category: partitionValueText(rows[0]!.category) },
    size: head.length + tail.length,
    stats: fileStatsJson(rows.length, stats),
    modificationTime: 0,
  };
}

function readWithDeltaRs(
  python: string,
  dir: string,
): {
  version: number;
  schema: { name: string; type: string; nullable: boolean }[];
  partitionColumns: string[];
  history: { version: number; operation: string }[];
  rows: { ind: number; country: string | null; timestamp: string | null; category: string | null }[];
} {
  const result = spawnSync(python, [READER, dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`delta-rs failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const isoOf = (millis: number | null) =>
  millis === null ? null : new Date(millis).toISOString().replace("Z", "000+00:00");

describeWithPeer("deltalake", "delta-rs reads the tables @pinpipe/delta writes", (deltalake) => {
  let dir: string;
  const kept: Row[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-rs-"));
    const storage = localDeltaStorage(dir);
    // Categories whose folders need Hive escaping and URI encoding, and a null one.
    const categories = ["art", "a/b=c %", "ünï cøde", null];
    const hiveFolder = (category: string | null) =>
      category === null
        ? "category=__HIVE_DEFAULT_PARTITION__"
        : `category=${category.replace(/[%/=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
    let ind = 0;
    // Twelve commits, so a checkpoint (at 10) is part of what delta-rs reads.
    for (let commit = 0; commit < 12; commit++) {
      const category = categories[commit % categories.length]!;
      const rows: Row[] = Array.from({ length: 3 }, (_, i) => ({
        ind: ind++,
        country: i === 1 ? null : `country ${commit}`,
        timestamp: i === 2 ? null : Date.UTC(2019, commit, 1, 12, 30, 15, 250),
        category,
      }));
      const file = await writeDataFile(dir, `${hiveFolder(category)}/part-${commit}.parquet`, rows);
      await writeTableCommit(storage, DEFINITION, { add: [file] });
      kept.push(...rows);
    }
    // A replacement: the first commit's file swapped for one with its first row only.
    const replacement = await writeDataFile(dir, "category=art/part-0-rerun.parquet", [kept[0]!]);
    await writeTableCommit(storage, DEFINITION, {
      add: [replacement],
      remove: (snapshot) =>
        [...snapshot.files.values()].filter((add) => add.path === "category=art/part-0.parquet"),
    });
    kept.splice(1, 2);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("sees every row, with partition values and timestamps as written", () => {
    const table = readWithDeltaRs(deltalake.python!, dir);
    const rows = [...table.rows].sort((a, b) => a.ind - b.ind);
    expect(rows).toEqual(
      kept.map((row) => ({
        ind: row.ind,
        country: row.country,
        timestamp: isoOf(row.timestamp),
        category: row.category,
      })),
    );
  });

  it("sees the schema, the partition columns and the history, checkpoint included", () => {
    const table = readWithDeltaRs(deltalake.python!, dir);
    expect(table.version).toBe(12);
    expect(table.partitionColumns).toEqual(["category"]);
    expect(table.schema.map((field) => [field.name, field.nullable])).toEqual([
      ["ind", false],
      ["country", true],
      ["timestamp", true],
      ["category", true],
    ]);
    expect(table.history).toHaveLength(13);
    expect(table.history.every((entry) => entry.operation === "WRITE")).toBe(true);
  });
});
