import { CLEAN_TABLE_PARQUET_COLUMNS } from "@pinpipe/core";
import { type ColumnValues, ParquetFileWriter } from "@pinpipe/parquet";
import { describe, expect, it } from "vitest";
import { cleanFileFacts, cleanTableDefinition, sparkSchemaString } from "../src/index";
import { utf8Column as strings } from "./support/utf8Column";

const numbers = (values: readonly number[]): ColumnValues => ({
  kind: "numbers",
  values: Float64Array.from(values),
});

function geoFile(
  groups: readonly { ind: number[]; country: (string | null)[]; timestamp: number[] }[],
): Uint8Array {
  const writer = new ParquetFileWriter(CLEAN_TABLE_PARQUET_COLUMNS.geo, { createdBy: "test" });
  const chunks = groups.map((group) =>
    writer.writeRowGroup(
      [
        numbers(group.ind),
        strings(group.country),
        {
          kind: "pairs",
          first: Float64Array.from(group.ind, () => 1),
          second: Float64Array.from(group.ind, () => 2),
        },
        numbers(group.timestamp),
      ],
      group.ind.length,
    ),
  );
  return Buffer.concat([...chunks, writer.finish()]);
}

describe("cleanFileFacts", () => {
  it("merges the statistics of every row group and derives the partition value", () => {
    const t1 = Date.UTC(2019, 4, 1, 10, 0, 0, 5);
    const t2 = Date.UTC(2019, 11, 31, 23, 59, 59, 999);
    const file = geoFile([
      { ind: [5, 3], country: ["Peru", null], timestamp: [t2, Number.NaN] },
      { ind: [9], country: ["Chile"], timestamp: [t1] },
    ]);
    // Only the tail is needed: the footer, its length and the magic.
    const facts = cleanFileFacts("geo", file.subarray(Math.max(0, file.length - 2000)));
    expect(facts.numRecords).toBe(3);
    expect(facts.partitionValues).toEqual({ post_year: "2019" });
    expect(JSON.parse(facts.stats)).toEqual({
      numRecords: 3,
      minValues: { ind: 3, country: "Chile", timestamp: new Date(t1).toISOString() },
      maxValues: { ind: 9, country: "Peru", timestamp: new Date(t2).toISOString() },
      nullCount: { ind: 0, country: 1, timestamp: 1 },
    });
  });

  it("gives a null partition value to a file of null instants", () => {
    const file = geoFile([{ ind: [1], country: [null], timestamp: [Number.NaN] }]);
    expect(cleanFileFacts("geo", file).partitionValues).toEqual({ post_year: null });
  });
});

describe("cleanTableDefinition", () => {
  it("names the tables as the original pipeline and adds derived partition columns as integers", () => {
    const geo = cleanTableDefinition("geo", "0a1b");
    expect(geo.name).toBe("0a1b_geo_table");
    expect(geo.partitionColumns).toEqual(["post_year"]);
    expect(JSON.parse(sparkSchemaString(geo.fields))).toEqual({
      type: "struct",
      fields: [
        { name: "ind", type: "long", nullable: false, metadata: {} },
        { name: "country", type: "string", nullable: true, metadata: {} },
        {
          name: "coordinates",
          type: { type: "array", elementType: "double", containsNull: false },
          nullable: true,
          metadata: {},
        },
        { name: "timestamp", type: "timestamp", nullable: true, metadata: {} },
        { name: "post_year", type: "integer", nullable: true, metadata: {} },
      ],
    });
    const pin = cleanTableDefinition("pin", "p");
    expect(pin.partitionColumns).toEqual(["category"]);
    expect(pin.fields.filter((field) => field.name === "category")).toHaveLength(1);
  });
});
