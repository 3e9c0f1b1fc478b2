import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ColumnarBuilder, ColumnarMerger } from "../../src/columnar";
import { buildColumnarTables, dropDuplicateRecords, runQueries, toAnalyticsTables } from "../../src/index";
import { joinLines, rawLines, tableName } from "./rawLineArbitraries";
import { cleanStreams, materialize } from "./referenceModel";

const encoder = new TextEncoder();

/** Lines of one table followed by re-sent copies of some of them, as at-least-once delivery does. */
const withRepeats = tableName.chain((table) =>
  rawLines(table, 25).chain((lines) =>
    fc.shuffledSubarray(lines).map((repeats) => ({ table, bytes: joinLines([...lines, ...repeats], false) })),
  ),
);

const sortRows = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();

describe("ColumnarMerger", () => {
  it("merging the partials of several builders gives the single-pass tables, in order", () => {
    fc.assert(
      fc.property(
        fc.array(withRepeats, { maxLength: 3 }),
        fc.array(fc.nat(3), { maxLength: 80 }),
        (streams, owners) => {
          const single = buildColumnarTables(
            streams.map((s) => ({ table: s.table, chunks: [s.bytes] })),
            { dedupe: false },
          );
          // Deal the lines to four builders in runs, taking partials now and then, as workers do.
          const builders = [0, 1, 2, 3].map(() => new ColumnarBuilder({ dedupe: false }));
          const merger = new ColumnarMerger({ dedupe: false });
          let line = 0;
          for (const s of streams) {
            let start = 0;
            while (start <= s.bytes.length) {
              let end = s.bytes.indexOf(0x0a, start);
              if (end < 0) end = s.bytes.length;
              const owner = owners[line++ % Math.max(owners.length, 1)] ?? 0;
              builders[owner]!.addLine(s.table, s.bytes, start, end);
              merger.add(owner, builders[owner]!.takePartial());
              start = end + 1;
            }
          }
          expect(materialize(merger.tables())).toEqual(materialize(single.tables));
          expect(merger.accounting()).toEqual(single.accounting);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("with dedupe drops exactly the records dropDuplicateRecords drops, whichever builder read them", () => {
    fc.assert(
      fc.property(fc.array(withRepeats, { maxLength: 3 }), fc.nat(), (streams, seed) => {
        const expected = cleanStreams(streams);
        const kept = dropDuplicateRecords(expected.clean);
        const builders = [new ColumnarBuilder({ dedupe: true }), new ColumnarBuilder({ dedupe: true })];
        const merger = new ColumnarMerger({ dedupe: true });
        streams.forEach((s, i) => {
          builders[(seed + i) % 2]!.addLines(s.table, s.bytes, 0, s.bytes.length);
        });
        merger.add(1, builders[1]!.takePartial());
        merger.add(0, builders[0]!.takePartial());
        const merged = materialize(merger.tables());
        const wanted = materialize(toAnalyticsTables(kept));
        for (const table of ["pin", "geo", "user"] as const) {
          expect(sortRows(merged[table])).toEqual(sortRows(wanted[table]));
          const account = merger.accounting()[table];
          expect(account.clean).toBe(kept[table].length);
          expect(account.duplicates).toBe(expected.clean[table].length - kept[table].length);
        }
        expect(runQueries(merger.tables())).toEqual(runQueries(toAnalyticsTables(kept)));
      }),
      { numRuns: 100 },
    );
  });

  it("treats records that clean to the same values as duplicates, however they were written", () => {
    const lines = [
      '{"index": 7, "title": "Kitten", "follower_count": "2M", "save_location": "Local save in /data/art", "downloaded": 1, "category": "art"}',
      '{"category":"art","downloaded":0,"save_location":"/data/art","follower_count":2000000,"title":"Kitten","index":7}',
      '{"index": 7, "title": "Kitten", "follower_count": "2M", "save_location": "Local save in /data/art", "category": "travel"}',
    ].join("\n");
    const { tables, accounting } = buildColumnarTables([{ table: "pin", chunks: [encoder.encode(lines)] }], {
      dedupe: true,
    });
    expect(tables.pin.length).toBe(2);
    expect(accounting.pin).toMatchObject({ in: 3, clean: 2, duplicates: 1 });
  });

  it("refuses partials without hashes when deduplicating", () => {
    const builder = new ColumnarBuilder({ dedupe: false });
    const line = encoder.encode('{"ind": 1, "age": 20}');
    builder.addLine("user", line, 0, line.length);
    expect(() => new ColumnarMerger({ dedupe: true }).add(0, builder.takePartial())).toThrow(/no hashes/);
  });
});
