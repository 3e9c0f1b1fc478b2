import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ColumnValues, ParquetColumn, ParquetWriterOptions } from "../src/index";
import { encodeParquetFile, ParquetFileWriter } from "../src/index";
import { concatBytes, numberValues, pairValues, utf8Values } from "./support/columnBuilders";
import { readPageHeaders } from "./support/readPageHeaders";
import { hyparquetMetadata, queryParquetWithDuckDb, readWithHyparquet } from "./support/readParquet";

const ALL_TYPES: readonly ParquetColumn[] = [
  { name: "ind", type: "int64", required: true },
  { name: "n64", type: "int64" },
  { name: "n32", type: "int32" },
  { name: "r32", type: "int32", required: true },
  { name: "ts_ms", type: "timestamp-millis" },
  { name: "ts_us", type: "timestamp-micros" },
  { name: "x", type: "double" },
  { name: "rx", type: "double", required: true },
  { name: "s", type: "utf8" },
  { name: "rs", type: "utf8", required: true },
  { name: "cat", type: "utf8", dictionary: true },
  { name: "pos", type: "double-pair" },
];

interface Row {
  ind: number;
  n64: number | null;
  n32: number | null;
  r32: number;
  ts_ms: number | null;
  ts_us: number | null;
  x: number | null;
  rx: number;
  s: string | null;
  rs: string;
  cat: string | null;
  pos: [number, number] | null;
}

const ROWS: Row[] = [
  {
    ind: 0,
    n64: -(2 ** 53) + 1,
    n32: -(2 ** 31),
    r32: 7,
    ts_ms: 1_600_000_000_123,
    ts_us: 1_600_000_000_456,
    x: 1.25,
    rx: -0.5,
    s: "héllo 🌍",
    rs: "",
    cat: "art",
    pos: [51.5, -0.12],
  },
  {
    ind: 1,
    n64: null,
    n32: null,
    r32: -7,
    ts_ms: null,
    ts_us: null,
    x: null,
    rx: 1e300,
    s: null,
    rs: "b",
    cat: null,
    pos: null,
  },
  {
    ind: 2 ** 53 - 1,
    n64: 2 ** 53 - 1,
    n32: 2 ** 31 - 1,
    r32: 0,
    ts_ms: -86_400_000,
    ts_us: 0,
    x: Number.POSITIVE_INFINITY,
    rx: 3,
    s: "",
    rs: "ab",
    cat: "travel",
    pos: [0, 0],
  },
  {
    ind: 3,
    n64: 0,
    n32: 5,
    r32: 1,
    ts_ms: 0,
    ts_us: -1,
    x: -2.5,
    rx: 0,
    s: "a\u0000b",
    rs: "zz",
    cat: "art",
    pos: [-90, 180],
  },
];

function valuesOf(rows: readonly Row[]): ColumnValues[] {
  return ALL_TYPES.map(({ name, type }): ColumnValues => {
    const key = name as keyof Row;
    if (type === "utf8") return utf8Values(rows.map((r) => r[key] as string | null));
    if (type === "double-pair") return pairValues(rows.map((r) => r.pos));
    return numberValues(rows.map((r) => r[key] as number | null));
  });
}

const OPTIONS: ParquetWriterOptions = { createdBy: "pinpipe-parquet test" };

function writeFile(
  columns: readonly ParquetColumn[],
  groups: readonly { values: readonly ColumnValues[]; length: number; rows?: Uint32Array }[],
  options: ParquetWriterOptions = OPTIONS,
): { file: Uint8Array; writer: ParquetFileWriter } {
  const writer = new ParquetFileWriter(columns, options);
  const chunks = groups.map((g) => writer.writeRowGroup(g.values, g.length, g.rows));
  chunks.push(writer.finish());
  return { file: concatBytes(chunks), writer };
}

describe("ParquetFileWriter round trip", () => {
  for (const compression of ["snappy", "none"] as const) {
    it(`writes every column type with nulls, readable by hyparquet and DuckDB (${compression})`, async () => {
      const file = encodeParquetFile(ALL_TYPES, { ...OPTIONS, compression }, valuesOf(ROWS), ROWS.length);
      expect(new TextDecoder().decode(file.subarray(0, 4))).toBe("PAR1");
      expect(new TextDecoder().decode(file.subarray(-4))).toBe("PAR1");
      expect(await readWithHyparquet(file)).toEqual(ROWS);
      const metadata = hyparquetMetadata(file);
      expect(metadata.created_by).toBe("pinpipe-parquet test");
      expect(metadata.row_groups[0]!.columns[0]!.meta_data!.codec).toBe(
        compression === "snappy" ? "SNAPPY" : "UNCOMPRESSED",
      );

      const types = await queryParquetWithDuckDb(file, "DESCRIBE SELECT * FROM read_parquet($file)");
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
        ind: "BIGINT",
        n64: "BIGINT",
        n32: "INTEGER",
        r32: "INTEGER",
        ts_ms: "TIMESTAMP WITH TIME ZONE",
        ts_us: "TIMESTAMP WITH TIME ZONE",
        x: "DOUBLE",
        rx: "DOUBLE",
        s: "VARCHAR",
        rs: "VARCHAR",
        cat: "VARCHAR",
        pos: "DOUBLE[]",
      });
      const rows = await queryParquetWithDuckDb(
        file,
        `SELECT ind::VARCHAR AS ind, n64::VARCHAR AS n64, n32, r32, epoch_ms(ts_ms) AS ts_ms,
                epoch_us(ts_us) AS ts_us, x::VARCHAR AS x, rx, s, rs, cat, pos
         FROM read_parquet($file)`,
      );
      expect(rows).toEqual(
        ROWS.map((r) => ({
          ...r,
          ind: String(r.ind),
          n64: r.n64 === null ? null : String(r.n64),
          ts_ms: r.ts_ms === null ? null : String(r.ts_ms),
          ts_us: r.ts_us === null ? null : String(r.ts_us * 1000),
          x: r.x === null ? null : r.x === Number.POSITIVE_INFINITY ? "inf" : String(r.x),
        })),
      );
    });
  }

  it("rounds fractional milliseconds to whole microseconds for timestamp-micros", async () => {
    const columns: ParquetColumn[] = [{ name: "t", type: "timestamp-micros" }];
    const file = encodeParquetFile(columns, OPTIONS, [numberValues([1.5, 2.0004])], 2);
    expect(await queryParquetWithDuckDb(file, "SELECT epoch_us(t) AS t FROM read_parquet($file)")).toEqual([
      { t: "1500" },
      { t: "2000" },
    ]);
  });

  it("writes timestamp-micros exactly over Date's whole range, statistics included, and refuses instants beyond it", async () => {
    // Beyond about the year 2255 the micros exceed 2^53: a double product would be inexact.
    const columns: ParquetColumn[] = [{ name: "t", type: "timestamp-micros" }];
    const instants = [-8.64e15, -62_135_596_800_001, -1, 9_007_199_254_741, 253_402_300_799_999, 8.64e15];
    const file = encodeParquetFile(columns, OPTIONS, [numberValues(instants)], instants.length);
    expect(await queryParquetWithDuckDb(file, "SELECT epoch_us(t) AS t FROM read_parquet($file)")).toEqual(
      instants.map((ms) => ({ t: (BigInt(ms) * 1000n).toString() })),
    );
    expect(
      await queryParquetWithDuckDb(
        file,
        "SELECT stats_min_value AS lo, stats_max_value AS hi FROM parquet_metadata($file)",
      ),
    ).toEqual([{ lo: "271822-04-20 (BC) 00:00:00+00", hi: "275760-09-13 00:00:00+00" }]);
    expect(() => encodeParquetFile(columns, OPTIONS, [numberValues([8.64e15 + 1])], 1)).toThrow(
      /not a timestamp in range/,
    );
  });

  it("appends several row groups with merged statistics and counts", async () => {
    const { file, writer } = writeFile(ALL_TYPES, [
      { values: valuesOf(ROWS.slice(0, 2)), length: 2 },
      { values: valuesOf(ROWS.slice(2)), length: 2 },
    ]);
    expect(writer.rows).toBe(4);
    expect(writer.bytes).toBe(file.length);
    expect(hyparquetMetadata(file).row_groups).toHaveLength(2);
    expect(await readWithHyparquet(file)).toEqual(ROWS);
    const stats = writer.statistics();
    expect(stats[0]).toEqual({ nullCount: 0, min: 0, max: 2 ** 53 - 1 });
    expect(stats[5]).toEqual({ nullCount: 1, min: -1, max: 1_600_000_000_456 });
    expect(stats[8]).toEqual({ nullCount: 1, min: "", max: "héllo 🌍" });
    expect(stats[10]).toEqual({ nullCount: 1, min: "art", max: "travel" });
    expect(stats[11]).toEqual({ nullCount: 1, min: null, max: null });
    const duck = await queryParquetWithDuckDb(
      file,
      "SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata($file) WHERE path_in_schema IN ('ind', 's') ORDER BY 1, 2",
    );
    expect(duck).toEqual([
      {
        row_group_id: "0",
        path_in_schema: "ind",
        stats_min_value: "0",
        stats_max_value: "1",
        stats_null_count: "0",
      },
      {
        row_group_id: "0",
        path_in_schema: "s",
        stats_min_value: "héllo 🌍",
        stats_max_value: "héllo 🌍",
        stats_null_count: "1",
      },
      {
        row_group_id: "1",
        path_in_schema: "ind",
        stats_min_value: "3",
        stats_max_value: String(2 ** 53 - 1),
        stats_null_count: "0",
      },
      {
        row_group_id: "1",
        path_in_schema: "s",
        stats_min_value: "",
        stats_max_value: "a\u0000b",
        stats_null_count: "0",
      },
    ]);
  });

  it("writes a selection of rows in the given order", async () => {
    const rows = Uint32Array.from([3, 0, 3, 1]);
    const { file, writer } = writeFile(ALL_TYPES, [{ values: valuesOf(ROWS), length: ROWS.length, rows }]);
    expect(writer.rows).toBe(4);
    expect(await readWithHyparquet(file)).toEqual([ROWS[3], ROWS[0], ROWS[3], ROWS[1]]);
    expect(writer.statistics()[0]).toEqual({ nullCount: 0, min: 0, max: 3 });
  });

  it("writes a valid file with no row group, and skips empty selections", async () => {
    for (const groups of [[], [{ values: valuesOf(ROWS), length: ROWS.length, rows: new Uint32Array(0) }]]) {
      const { file, writer } = writeFile(ALL_TYPES, groups);
      expect(writer.rows).toBe(0);
      expect(await readWithHyparquet(file)).toEqual([]);
      expect(hyparquetMetadata(file).row_groups).toEqual([]);
      expect(await queryParquetWithDuckDb(file, "SELECT count(*) AS n FROM read_parquet($file)")).toEqual([
        { n: "0" },
      ]);
      expect(writer.statistics()[8]).toEqual({ nullCount: 0, min: null, max: null });
    }
  });

  it("gives byte-identical output for the same input, key/value metadata in key order", () => {
    const options = { ...OPTIONS, keyValueMetadata: { b: "2", a: "1" } };
    const one = encodeParquetFile(ALL_TYPES, options, valuesOf(ROWS), ROWS.length);
    const two = encodeParquetFile(
      ALL_TYPES,
      { ...OPTIONS, keyValueMetadata: { a: "1", b: "2" } },
      valuesOf(ROWS),
      ROWS.length,
    );
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
    expect(hyparquetMetadata(one).key_value_metadata).toEqual([
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
  });
});

describe("ParquetFileWriter pages and dictionaries", () => {
  it("uses a dictionary page for low-cardinality strings", async () => {
    const strings = Array.from({ length: 300_000 }, (_, i) => (i % 7 === 0 ? null : `category-${i % 13}`));
    const columns: ParquetColumn[] = [{ name: "c", type: "utf8", dictionary: true }];
    const file = encodeParquetFile(columns, OPTIONS, [utf8Values(strings)], strings.length);
    const meta = hyparquetMetadata(file).row_groups[0]!.columns[0]!.meta_data!;
    expect(meta.encodings).toContain("RLE_DICTIONARY");
    expect(meta.dictionary_page_offset).toBe(4n);
    const pages = readPageHeaders(file, 4, strings.length);
    expect(pages[0]).toMatchObject({ type: 2, numValues: 13 });
    expect(pages.slice(1).map((p) => p.type)).toEqual([0, 0, 0]);
    expect(file.length).toBeLessThan(200_000);
    expect((await readWithHyparquet(file)).map((r) => r.c)).toEqual(strings);
    expect(
      await queryParquetWithDuckDb(
        file,
        "SELECT count(c) AS n, count(DISTINCT c) AS d, min(c) AS lo FROM read_parquet($file)",
      ),
    ).toEqual([{ n: String(strings.filter((s) => s !== null).length), d: "13", lo: "category-0" }]);
  });

  it("falls back to PLAIN when the dictionary would pass 1 MiB, and splits large strings into pages", async () => {
    // 3,000 unique strings of ~1 KB: a 3 MB chunk, too big for a dictionary, several pages.
    const strings = Array.from({ length: 3000 }, (_, i) => (i === 5 ? null : `${i}:${"é".repeat(500)}`));
    const columns: ParquetColumn[] = [
      { name: "id", type: "int64", required: true },
      { name: "big", type: "utf8", dictionary: true },
    ];
    const ids = numberValues(strings.map((_, i) => i));
    for (const compression of ["snappy", "none"] as const) {
      const file = encodeParquetFile(columns, { ...OPTIONS, compression }, [ids, utf8Values(strings)], 3000);
      const meta = hyparquetMetadata(file).row_groups[0]!.columns[1]!.meta_data!;
      expect(meta.encodings).not.toContain("RLE_DICTIONARY");
      expect(meta.dictionary_page_offset).toBeUndefined();
      expect(Number(meta.total_uncompressed_size)).toBeGreaterThan(3_000_000);
      const pages = readPageHeaders(file, Number(meta.data_page_offset), 3000);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const page of pages) expect(page.uncompressedSize).toBeLessThan(1.1 * 2 ** 20);
      expect((await readWithHyparquet(file)).map((r) => r.big)).toEqual(strings);
      const totals = await queryParquetWithDuckDb(
        file,
        "SELECT count(*) AS n, sum(length(big)) AS chars FROM read_parquet($file)",
      );
      expect(totals).toEqual([
        { n: "3000", chars: String(strings.reduce((n, s) => n + (s?.length ?? 0), 0)) },
      ]);
    }
  });

  it("splits long numeric and pair columns into pages and still reads back", async () => {
    const length = 300_000;
    const values = new Float64Array(length).map((_, i) => (i % 10 === 3 ? Number.NaN : i * 3));
    const first = new Float64Array(length).map((_, i) => (i % 5 === 0 ? Number.NaN : i / 2));
    const second = first.map((v) => -v);
    const columns: ParquetColumn[] = [
      { name: "n", type: "int64" },
      { name: "p", type: "double-pair" },
    ];
    const file = encodeParquetFile(
      columns,
      OPTIONS,
      [
        { kind: "numbers", values },
        { kind: "pairs", first, second },
      ],
      length,
    );
    const chunks = hyparquetMetadata(file).row_groups[0]!.columns.map((c) => c.meta_data!);
    expect(readPageHeaders(file, Number(chunks[0]!.data_page_offset), length)).toHaveLength(3);
    expect(chunks[1]!.num_values).toBe(BigInt(length * 2 - length / 5));
    expect(
      readPageHeaders(file, Number(chunks[1]!.data_page_offset), Number(chunks[1]!.num_values)).length,
    ).toBeGreaterThanOrEqual(5);
    const rows = await readWithHyparquet(file);
    expect(rows).toHaveLength(length);
    expect(rows[299_999]).toEqual({ n: 899_997, p: [149_999.5, -149_999.5] });
    expect(rows[3]).toEqual({ n: null, p: [1.5, -1.5] });
    expect(rows[5]).toEqual({ n: 15, p: null });
    expect(
      await queryParquetWithDuckDb(
        file,
        "SELECT count(n) AS n, sum(n) AS s, count(p) AS p, sum(p[1] + p[2]) AS z FROM read_parquet($file)",
      ),
    ).toEqual([
      {
        n: String(length - length / 10),
        s: String(values.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0)),
        p: String(length - length / 5),
        z: 0,
      },
    ]);
  });
});

describe("ParquetFileWriter statistics", () => {
  it("matches min, max and null counts computed from the values (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }), {
          minLength: 1,
          maxLength: 50,
        }),
        fc.array(fc.option(fc.string({ unit: "binary", maxLength: 6 }), { nil: null }), {
          minLength: 50,
          maxLength: 50,
        }),
        (numbers, strings) => {
          const texts = strings.slice(0, numbers.length);
          const writer = new ParquetFileWriter(
            [
              { name: "n", type: "int64" },
              { name: "s", type: "utf8" },
            ],
            OPTIONS,
          );
          writer.writeRowGroup([numberValues(numbers), utf8Values(texts)], numbers.length);
          const presentNumbers = numbers.filter((n): n is number => n !== null);
          const encoder = new TextEncoder();
          const presentTexts = texts
            .filter((s): s is string => s !== null)
            .sort((a, b) => Buffer.compare(encoder.encode(a), encoder.encode(b)));
          const [n, s] = writer.statistics();
          expect(n).toEqual({
            nullCount: numbers.length - presentNumbers.length,
            min: presentNumbers.length ? Math.min(...presentNumbers) : null,
            max: presentNumbers.length ? Math.max(...presentNumbers) : null,
          });
          expect(s).toEqual({
            nullCount: texts.length - presentTexts.length,
            min: presentTexts[0] ?? null,
            max: presentTexts.at(-1) ?? null,
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("ParquetFileWriter invalid input", () => {
  const columns: ParquetColumn[] = [
    { name: "id", type: "int64", required: true },
    { name: "n", type: "int32" },
    { name: "s", type: "utf8", required: true },
  ];
  const good = (): ColumnValues[] => [numberValues([1, 2]), numberValues([3, null]), utf8Values(["a", "b"])];

  it("throws RangeErrors naming the problem, and records nothing", () => {
    const writer = new ParquetFileWriter(columns, OPTIONS);
    const cases: [() => unknown, RegExp][] = [
      [() => writer.writeRowGroup(good().slice(0, 2), 2), /expected 3 columns of values, got 2/],
      [() => writer.writeRowGroup(good(), 3), /values has 2 entries, expected 3/],
      [
        () => writer.writeRowGroup([numberValues([1, null]), ...good().slice(1)], 2),
        /"id" is required but row 1/,
      ],
      [
        () => writer.writeRowGroup([numberValues([1, 2.5]), ...good().slice(1)], 2),
        /row 1 holds 2.5, not a safe/,
      ],
      [
        () => writer.writeRowGroup([good()[0]!, numberValues([2 ** 31, 1]), good()[2]!], 2),
        /row 0 holds 2147483648, not a 32-bit integer/,
      ],
      [
        () => writer.writeRowGroup([...good().slice(0, 2), utf8Values(["a", null])], 2),
        /"s" is required but row 1/,
      ],
      [() => writer.writeRowGroup(good(), 2, Uint32Array.from([0, 2])), /row index 2 at 1 is out of range/],
      [() => writer.writeRowGroup([good()[1]!, good()[0]!, good()[2]!], 2), /"id" is required but row 1/],
      [() => writer.writeRowGroup([good()[2]!, ...good().slice(1)], 2), /needs "numbers" values, got "utf8"/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(message);
    }
    expect(writer.rows).toBe(0);
    expect(writer.bytes).toBe(0);
  });

  it("refuses bad schemas and pair rows with only one value", () => {
    expect(
      () => new ParquetFileWriter([{ name: "p", type: "double-pair", required: true }], OPTIONS),
    ).toThrow(RangeError);
    expect(() => new ParquetFileWriter([{ name: "x", type: "double", dictionary: true }], OPTIONS)).toThrow(
      /dictionary encoding is only for utf8/,
    );
    expect(
      () =>
        new ParquetFileWriter(
          [
            { name: "a", type: "double" },
            { name: "a", type: "int64" },
          ],
          OPTIONS,
        ),
    ).toThrow(/appears twice/);
    const writer = new ParquetFileWriter([{ name: "p", type: "double-pair" }], OPTIONS);
    expect(() =>
      writer.writeRowGroup(
        [{ kind: "pairs", first: new Float64Array([1]), second: new Float64Array([Number.NaN]) }],
        1,
      ),
    ).toThrow(/NaN second value/);
  });

  it("refuses writes after finish", () => {
    const writer = new ParquetFileWriter(columns, OPTIONS);
    writer.finish();
    expect(() => writer.writeRowGroup(good(), 2)).toThrow(/finished/);
    expect(() => writer.finish()).toThrow(/finished/);
  });
});

describe("ParquetFileWriter property", () => {
  type Cell = number | string | readonly [number, number] | null;
  const TYPES = [
    "int64",
    "int32",
    "timestamp-millis",
    "timestamp-micros",
    "double",
    "utf8",
    "double-pair",
  ] as const;
  const cellOf = (type: (typeof TYPES)[number]): fc.Arbitrary<Exclude<Cell, null>> => {
    switch (type) {
      case "int64":
        return fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger());
      case "int32":
        return fc.integer();
      case "timestamp-millis":
      case "timestamp-micros":
        return fc.integer({ min: -9e12, max: 9e12 });
      case "double":
        return fc.double({ noNaN: true });
      case "utf8":
        return fc.oneof(fc.constantFrom("art", "travel", ""), fc.string({ unit: "binary", maxLength: 20 }));
      case "double-pair":
        return fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true }));
    }
  };
  const columnArbitrary = fc
    .record({ type: fc.constantFrom(...TYPES), required: fc.boolean(), dictionary: fc.boolean() })
    .map(({ type, required, dictionary }) => ({
      type,
      required: required && (type === "int64" || type === "int32" || type === "double" || type === "utf8"),
      dictionary: dictionary && type === "utf8",
    }));
  const tableArbitrary = fc.array(columnArbitrary, { minLength: 1, maxLength: 5 }).chain((columns) =>
    fc.record({
      columns: fc.constant(columns),
      rows: fc.array(
        fc.tuple(
          ...columns.map((c) => (c.required ? cellOf(c.type) : fc.option(cellOf(c.type), { nil: null }))),
        ),
        { maxLength: 60 },
      ),
      cuts: fc.array(fc.nat(60), { maxLength: 3 }),
      compression: fc.constantFrom("snappy" as const, "none" as const),
      reverse: fc.boolean(),
    }),
  );

  it("round-trips random columns through hyparquet, over several row groups and selections", async () => {
    await fc.assert(
      fc.asyncProperty(tableArbitrary, async ({ columns, rows, cuts, compression, reverse }) => {
        const schema: ParquetColumn[] = columns.map((c, i) => ({ name: `c${i}`, ...c }));
        const values = schema.map(({ type }, i): ColumnValues => {
          const cells = rows.map((r) => r[i] as Cell);
          if (type === "utf8") return utf8Values(cells as (string | null)[]);
          if (type === "double-pair") return pairValues(cells as ([number, number] | null)[]);
          return numberValues(cells as (number | null)[]);
        });
        // Row groups are ranges of the write order, written as selections of the full arrays.
        const order = rows.map((_, i) => (reverse ? rows.length - 1 - i : i));
        const bounds = [0, ...cuts.map((c) => Math.min(c, rows.length)).sort((a, b) => a - b), rows.length];
        const groups = bounds.slice(1).map((end, g) => ({
          values,
          length: rows.length,
          rows: Uint32Array.from(order.slice(bounds[g], end)),
        }));
        const { file, writer } = writeFile(schema, groups, { ...OPTIONS, compression });
        expect(writer.rows).toBe(rows.length);
        const expected = order.map((r) =>
          Object.fromEntries(schema.map((c, i) => [c.name, rows[r]![i] as Cell])),
        );
        expect(await readWithHyparquet(file)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
