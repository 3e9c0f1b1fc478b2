import { ParquetFileWriter } from "@pinpipe/parquet";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { CLEAN_TABLE_PARQUET_COLUMNS } from "../src/index";

/** One user row group written with the clean table's columns; dates in epoch milliseconds. */
function userFile(dates: readonly number[]): ArrayBuffer {
  const writer = new ParquetFileWriter(CLEAN_TABLE_PARQUET_COLUMNS.user, { createdBy: "test" });
  const n = dates.length;
  const chunk = writer.writeRowGroup(
    [
      { kind: "numbers", values: Float64Array.from(dates, (_, i) => i) },
      { kind: "utf8", offsets: new Int32Array(n + 1), bytes: new Uint8Array(0), valid: new Uint8Array(n) },
      { kind: "numbers", values: new Float64Array(n).fill(Number.NaN) },
      { kind: "numbers", values: Float64Array.from(dates) },
    ],
    n,
  );
  const bytes = Buffer.concat([chunk, writer.finish()]);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

describe("CLEAN_TABLE_PARQUET_COLUMNS", () => {
  it("declares the instants TIMESTAMP(isAdjustedToUTC, MICROS) INT64, as Delta's Spark readers expect", () => {
    const file = userFile([Date.UTC(2015, 9, 1, 12, 30, 45, 123)]);
    const instants = parquetMetadata(file).schema.filter((element) => element.name === "date_joined");
    expect(instants).toHaveLength(1);
    expect(instants[0]?.type).toBe("INT64");
    expect(instants[0]?.logical_type).toEqual({ type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" });
    for (const table of ["geo", "user"] as const) {
      const types = CLEAN_TABLE_PARQUET_COLUMNS[table].map((column) => column.type);
      expect(types.filter((type) => type.startsWith("timestamp"))).toEqual(["timestamp-micros"]);
    }
  });

  it("keeps every millisecond of an instant, before 1970 and after 2038 alike", async () => {
    const dates = [
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2015, 9, 1, 12, 30, 45, 123),
      Date.UTC(2262, 3, 11, 23, 47, 16, 854),
      Number.NaN,
    ];
    const rows = await parquetReadObjects({ file: userFile(dates) });
    expect(rows.map((row) => (row.date_joined instanceof Date ? row.date_joined.getTime() : null))).toEqual(
      dates.map((date) => (Number.isNaN(date) ? null : date)),
    );
  });
});
