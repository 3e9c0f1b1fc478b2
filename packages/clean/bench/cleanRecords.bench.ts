/**
 * Benchmark of the record cleaners against JSON.parse of the same lines, in the same run.
 * Target, for pins: cleaning adds at most 25% to the cost of parsing, (parse + clean) / parse ≤ 1.25.
 * Geo and user lines are about 100 bytes, so their parse is cheap and their ratios are shown for
 * information only.
 *
 * Usage: tsx bench/cleanRecords.bench.ts [--records 200000] [--rounds 5] [--tables pin,geo,user]
 */
import { parseArgs } from "node:util";
import { cleanGeo, cleanPin, cleanUser } from "../src/index";
import { makeRawGeoLines, makeRawPinLines, makeRawUserLines } from "./makeRawLines";
import { measureParseAndClean } from "./measureParseAndClean";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "200000" },
    rounds: { type: "string", default: "5" },
    tables: { type: "string", default: "pin,geo,user" },
  },
});
const records = Number(values.records);
const rounds = Number(values.rounds);
const TARGET = 1.25;

const benches = {
  pin: { make: makeRawPinLines, clean: (raw: unknown) => cleanPin(raw).ok },
  geo: { make: makeRawGeoLines, clean: (raw: unknown) => cleanGeo(raw).ok },
  user: { make: makeRawUserLines, clean: (raw: unknown) => cleanUser(raw).ok },
} as const;

const format = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)} M/s`.padStart(10);

console.log(`node ${process.version}, ${records} records x ${rounds} rounds, medians`);
for (const table of values.tables.split(",")) {
  if (!Object.hasOwn(benches, table)) throw new Error(`unknown table ${table}`);
  const bench = benches[table as keyof typeof benches];
  const lines = bench.make(records, 42);
  // Warm-up so the timed rounds see optimised code.
  measureParseAndClean(lines.slice(0, 20_000), bench.clean, 2);
  const figures = measureParseAndClean(lines, bench.clean, rounds);
  const verdict =
    table !== "pin" ? "" : figures.ratio <= TARGET ? `ok (target ${TARGET})` : `ABOVE TARGET ${TARGET}`;
  console.log(
    `${`clean${table[0]!.toUpperCase()}${table.slice(1)}`.padEnd(10)} ` +
      `lines ${figures.meanLineBytes.toFixed(0)} B | JSON.parse ${format(figures.parsePerSecond)} | ` +
      `clean ${format(figures.cleanPerSecond)} | parse+clean ${format(figures.parseAndCleanPerSecond)} | ` +
      `ratio ${figures.ratio.toFixed(3)} (separate passes ${figures.ratioFromSeparatePasses.toFixed(3)}) ${verdict}`,
  );
}
