/**
 * Benchmark of ParquetFileWriter against DuckDB's Parquet writer on the same ~1M pin-like rows
 * (11 columns), in the same run. Ours: encode row groups of 122,880 rows (DuckDB's default) and
 * write them to a file. DuckDB: the data is first loaded into a table (untimed), then only
 * `COPY pins TO ... (FORMAT parquet)` is timed. Both use snappy. Medians of the rounds.
 *
 * Usage: tsx bench/writeParquet.bench.ts [--rows 1000000] [--rounds 3]
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { ParquetFileWriter } from "../src/index";
import { makePinColumns, PIN_COLUMNS } from "./makePinColumns";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, rounds: { type: "string", default: "3" } },
});
const rows = Number(args.rows);
const rounds = Number(args.rounds);
const ROW_GROUP = 122_880;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;
const dir = mkdtempSync(join(tmpdir(), "pinpipe-parquet-bench-"));

try {
  const { values, rawBytes } = makePinColumns(rows, 42);
  const rssAfterData = peakRssMiB();
  const ourPath = join(dir, "ours.parquet");

  const writeOurs = () => {
    const start = performance.now();
    const fd = openSync(ourPath, "w");
    const writer = new ParquetFileWriter(PIN_COLUMNS, { createdBy: "pinpipe bench" });
    const selection = new Uint32Array(ROW_GROUP);
    for (let from = 0; from < rows; from += ROW_GROUP) {
      const count = Math.min(ROW_GROUP, rows - from);
      for (let i = 0; i < count; i++) selection[i] = from + i;
      writeSync(fd, writer.writeRowGroup(values, rows, selection.subarray(0, count)));
    }
    writeSync(fd, writer.finish());
    closeSync(fd);
    return performance.now() - start;
  };
  writeOurs(); // warm-up, so the timed rounds see optimised code
  const ourTimes = Array.from({ length: rounds }, writeOurs);
  const ourSize = statSync(ourPath).size;
  const rssAfterOurs = peakRssMiB();

  // Load the same rows into DuckDB (through an uncompressed file of ours; untimed).
  const loadPath = join(dir, "load.parquet");
  {
    const writer = new ParquetFileWriter(PIN_COLUMNS, { createdBy: "pinpipe bench", compression: "none" });
    const fd = openSync(loadPath, "w");
    writeSync(fd, writer.writeRowGroup(values, rows));
    writeSync(fd, writer.finish());
    closeSync(fd);
  }
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  await connection.run(`CREATE TABLE pins AS SELECT * FROM read_parquet('${loadPath}')`);
  const check = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM read_parquet('${ourPath}')) AS ours, (SELECT count(*) FROM pins) AS loaded`,
  );
  const duckPath = join(dir, "duckdb.parquet");
  const duckTimes: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    rmSync(duckPath, { force: true });
    const start = performance.now();
    await connection.run(`COPY pins TO '${duckPath}' (FORMAT parquet, COMPRESSION snappy)`);
    if (round > 0) duckTimes.push(performance.now() - start); // round 0 is a warm-up
  }
  const duckSize = statSync(duckPath).size;
  connection.closeSync();
  db.closeSync();

  const ours = median(ourTimes);
  const duck = median(duckTimes);
  const mbps = (ms: number) => `${(rawBytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  const rate = (ms: number) => `${(rows / 1e6 / (ms / 1000)).toFixed(2)} M rows/s`;
  console.log(
    `node ${process.version}, ${rows} pin rows (${(rawBytes / 1e6).toFixed(0)} MB raw), ${rounds} rounds, medians; check ${JSON.stringify(check.getRowObjectsJson())}`,
  );
  console.log(
    `ParquetFileWriter ${ours.toFixed(0).padStart(6)} ms | ${mbps(ours)} | ${rate(ours)} | ${(ourSize / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `DuckDB COPY       ${duck.toFixed(0).padStart(6)} ms | ${mbps(duck)} | ${rate(duck)} | ${(duckSize / 1e6).toFixed(1)} MB`,
  );
  console.log(`ratio (DuckDB time / ours) ${(duck / ours).toFixed(2)}x`);
  console.log(
    `peak RSS: after data ${rssAfterData.toFixed(0)} MiB, after our writes ${rssAfterOurs.toFixed(0)} MiB, after DuckDB ${peakRssMiB().toFixed(0)} MiB`,
  );
  writeFileSync(join(dir, "done"), "");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
