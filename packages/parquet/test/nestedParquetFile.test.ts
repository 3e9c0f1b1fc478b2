import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { encodeNestedParquetFile, type NestedField } from "../src/index";

const SCHEMA: readonly NestedField[] = [
  { name: "id", type: "long", required: true },
  { name: "flag", type: "boolean" },
  { name: "count", type: "int" },
  {
    name: "info",
    type: {
      struct: [
        { name: "name", type: "string" },
        { name: "tags", type: { map: { value: "string" } } },
        { name: "parts", type: { list: { element: "string" } } },
        { name: "inner", type: { struct: [{ name: "n", type: "long" }] } },
      ],
    },
  },
];

async function readBack(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return parquetReadObjects({ file: buffer });
}

describe("encodeNestedParquetFile", () => {
  it("writes structs, maps and lists with nulls at every level that a Parquet reader reads back", async () => {
    const rows = [
      {
        id: 1,
        flag: true,
        count: 7,
        info: { name: "a", tags: { k: "v", n: null }, parts: ["x", null, "y"], inner: { n: 5 } },
      },
      { id: 2, flag: false, count: null, info: null },
      { id: 3, info: { name: null, tags: {}, parts: [], inner: null } },
      { id: 4, flag: true, info: { tags: null, parts: null, inner: { n: null } } },
      ...Array.from({ length: 20 }, (_, i) => ({
        id: 10 + i,
        flag: i % 3 === 0,
        info: { name: `r${i}`, parts: [String(i)] },
      })),
    ];
    const read = await readBack(encodeNestedParquetFile(SCHEMA, rows, { createdBy: "test" }));
    expect(read).toHaveLength(rows.length);
    expect(read[0]).toEqual({
      id: 1n,
      flag: true,
      count: 7,
      info: { name: "a", tags: { k: "v", n: null }, parts: ["x", null, "y"], inner: { n: 5n } },
    });
    // hyparquet gives a null struct as undefined.
    expect(read[1]).toMatchObject({ id: 2n, flag: false, count: null });
    expect(read[1]!.info ?? null).toBeNull();
    const third = read[2]!.info as Record<string, unknown>;
    expect(third.name).toBeNull();
    expect(third.inner ?? null).toBeNull();
    const fourth = read[3]!.info as Record<string, unknown>;
    expect(fourth.tags ?? null).toBeNull();
    expect(fourth.parts ?? null).toBeNull();
    expect(fourth.inner).toEqual({ n: null });
    rows.slice(4).forEach((row, i) => {
      const back = read[4 + i]!;
      expect(back.id).toBe(BigInt(row.id));
      expect(back.flag).toBe(row.flag);
      expect((back.info as { parts: string[] }).parts).toEqual(row.info?.parts);
    });
  });

  it("describes maps and lists with their annotations, and counts rows", async () => {
    const bytes = encodeNestedParquetFile(SCHEMA, [{ id: 1 }], { createdBy: "test" });
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset) as ArrayBuffer);
    expect(Number(metadata.num_rows)).toBe(1);
    const byName = new Map(metadata.schema.map((element) => [element.name, element]));
    expect(byName.get("tags")?.converted_type).toBe("MAP");
    expect(byName.get("key_value")?.repetition_type).toBe("REPEATED");
    expect(byName.get("parts")?.converted_type).toBe("LIST");
    expect(metadata.created_by).toBe("test");
  });

  it("refuses null in a required field and values of the wrong type", () => {
    expect(() => encodeNestedParquetFile(SCHEMA, [{ id: null }], { createdBy: "t" })).toThrow(RangeError);
    expect(() => encodeNestedParquetFile(SCHEMA, [{ id: "x" }], { createdBy: "t" })).toThrow(TypeError);
    expect(() => encodeNestedParquetFile(SCHEMA, [{ id: 1, info: { name: 3 } }], { createdBy: "t" })).toThrow(
      TypeError,
    );
  });
});
