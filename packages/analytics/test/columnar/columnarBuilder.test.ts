import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLEAN_ROW_COLUMNS, ColumnarBuilder } from "../../src/columnar";
import { buildColumnarTables, type RawTableName, toAnalyticsTables } from "../../src/index";
import { cutAt, joinLines, rawLines, tableName } from "./rawLineArbitraries";
import { cleanStreams, materialize, recordRows, rowsOf } from "./referenceModel";

const encoder = new TextEncoder();

/** Up to three streams of raw lines, each of one table, with random chunk cuts and layout. */
const streams = fc.array(
  tableName.chain((table) =>
    fc.record({
      table: fc.constant(table),
      lines: rawLines(table),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    }),
  ),
  { maxLength: 3 },
);

describe("ColumnarBuilder", () => {
  it("builds exactly toAnalyticsTables of the records @pinpipe/clean makes of the same lines, wherever chunks are cut", () => {
    fc.assert(
      fc.property(streams, fc.boolean(), (inputs, dedupe) => {
        const bytes = inputs.map((s) => ({
          table: s.table,
          bytes: joinLines(s.lines, s.finalNewline, s.bom),
        }));
        const expected = cleanStreams(bytes);
        const built = buildColumnarTables(
          bytes.map((s, i) => ({ table: s.table, chunks: cutAt(s.bytes, inputs[i]!.cuts) })),
          { dedupe: false },
        );
        expect(materialize(built.tables)).toEqual(materialize(toAnalyticsTables(expected.clean)));
        expect(built.accounting).toEqual(expected.accounting);
        // The fast scanner and the reference path agree row for row: whole rows, counts (issues
        // included) and whole-record hashes.
        const fast = new ColumnarBuilder({ dedupe, fullRows: true });
        const reference = new ColumnarBuilder({ dedupe, referenceOnly: true, fullRows: true });
        for (const s of bytes) {
          const body = s.bytes[0] === 0xef && s.bytes[1] === 0xbb && s.bytes[2] === 0xbf ? 3 : 0;
          fast.addLines(s.table, s.bytes, body, s.bytes.length);
          reference.addLines(s.table, s.bytes, body, s.bytes.length);
        }
        const a = fast.takePartial();
        const b = reference.takePartial();
        for (const table of ["pin", "geo", "user"] as const) {
          expect(a[table].hashes).toEqual(b[table].hashes);
          expect(rowsOf(a.rows![table])).toEqual(recordRows(expected.clean[table], CLEAN_ROW_COLUMNS[table]));
          expect(rowsOf(b.rows![table])).toEqual(recordRows(expected.clean[table], CLEAN_ROW_COLUMNS[table]));
          expect(a.accounting[table]).toEqual(expected.accounting[table]);
          expect(b.accounting[table]).toEqual(expected.accounting[table]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads the real line shape with the fast path: same rows as the reference path", () => {
    const lines = [
      '{"index": 0, "unique_id": "31af679a", "title": "Kitten", "description": "Few would argue\u00a0", "poster_name": "Bored Panda", "follower_count": "2M", "tag_list": "Pretty Art,Cute Art", "is_image_or_video": "image", "image_src": "Image src error.", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"}',
      '{"index": 1, "unique_id": "79dbcedb", "title": "No Title Data Available", "description": "No description available", "poster_name": "User Info Error", "follower_count": "User Info Error", "tag_list": "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "is_image_or_video": "video", "image_src": "https://i.pinimg.com/a.jpg", "downloaded": 0, "save_location": "Local save in /data/travel", "category": "travel"}',
    ].join("\n");
    const { tables, accounting } = buildColumnarTables([{ table: "pin", chunks: [encoder.encode(lines)] }], {
      dedupe: false,
    });
    expect(materialize(tables).pin).toEqual([
      [0, 2_000_000, "Bored Panda", "art"],
      [1, Number.NaN, null, "travel"],
    ]);
    expect(accounting.pin).toMatchObject({
      in: 2,
      clean: 2,
      byRule: { placeholder: 6 },
      byField: { description: 1, follower_count: 1, image_src: 1, poster_name: 1, tag_list: 1, title: 1 },
    });
  });

  it("counts every non-blank line once: clean or rejected by reason", () => {
    const text = [
      '{"ind": 1, "timestamp": "2021-02-30 10:00:00", "latitude": 1, "longitude": 2, "country": "Chad"}',
      "",
      "   ",
      '{"ind": -1, "country": "Chad"}',
      '{"country": "Chad"}',
      "[1, 2]",
      '{"ind": 2, "country": "Chad"',
      '{"ind": 3, "timestamp": "2019-01-01 07:21:13", "country": "User Info Error"}',
    ].join("\n");
    const { tables, accounting } = buildColumnarTables([{ table: "geo", chunks: [encoder.encode(text)] }], {
      dedupe: false,
    });
    expect(accounting.geo).toMatchObject({
      in: 6,
      clean: 2,
      rejected: 4,
      duplicates: 0,
      byReason: { invalid_json: 1, too_long: 0, not_an_object: 1, missing_key: 1, invalid_key: 1 },
    });
    expect(materialize(tables).geo).toEqual([
      [1, "Chad", Number.NaN],
      [3, "User Info Error", Date.UTC(2019, 0, 1, 7, 21, 13)],
    ]);
  });

  it("keeps a key only when its text denotes a non-negative safe integer exactly, on both paths", () => {
    const keys = ["1e-400", "9007199254740993", "1.5", "-0", "1e2", "4503599627370495.5", "9007199254740991"];
    const text = keys.map((key) => `{"ind": ${key}, "country": "Chad"}`).join("\n");
    for (const referenceOnly of [false, true]) {
      const builder = new ColumnarBuilder({ dedupe: false, referenceOnly });
      builder.addLines("geo", encoder.encode(text), 0, text.length);
      const partial = builder.takePartial();
      // 1e-400 parses to 0 and 4503599627370495.5 to 4503599627370496, yet neither text is an integer.
      expect(Array.from(partial.geo.ind)).toEqual([0, 100, 9007199254740991]);
      expect(partial.accounting.geo).toMatchObject({ in: 7, clean: 3, byReason: { invalid_key: 4 } });
    }
  });

  it("hands out only the rows and strings added since the previous partial", () => {
    const builder = new ColumnarBuilder({ dedupe: false });
    const line = (country: string) => encoder.encode(`{"ind": 1, "country": "${country}"}`);
    const addGeo = (bytes: Uint8Array) =>
      builder.addLine("geo" satisfies RawTableName, bytes, 0, bytes.length);
    addGeo(line("Chad"));
    addGeo(line("Peru"));
    const first = builder.takePartial();
    addGeo(line("Chad"));
    addGeo(line("Mali"));
    const second = builder.takePartial();
    expect(first.strings).toEqual(["Chad", "Peru"]);
    expect(Array.from(first.geo.country)).toEqual([0, 1]);
    expect(second.strings).toEqual(["Mali"]);
    expect(Array.from(second.geo.country)).toEqual([0, 2]);
    expect(second.accounting.geo.in).toBe(2);
    expect(first.geo.hashes).toBeNull();
  });
});
