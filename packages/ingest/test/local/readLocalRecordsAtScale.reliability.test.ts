import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { constants, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { recordPeak } from "../../../../apps/runner/test/reliability/support/reliabilityTally";
import { formatKafkaConnectKey, generatePostLines } from "../../src/index";
import { useTempDirs } from "./tempDir";

const newTempDir = useTempDirs();
const run = promisify(execFile);

const TABLES = ["pin", "geo", "user"] as const;
type Table = (typeof TABLES)[number];
const TARGET_BYTES = 1024 ** 3;
/** Record counts of successive objects: mostly one-record objects, as the sink writes at low traffic, and some big ones (streamed). */
const RECORDS_PER_OBJECT = [1, 1, 1, 1, 1, 1, 1, 1, 40, 500, 3000];
const PARTITIONS = 4;
/** Every fourth object is gzipped; 4 and the 11 sizes above are coprime, so every size is gzipped somewhere. */
const GZIP_EVERY = 4;
/** The reader's peak RSS, Node and tsx included (measured: see the tally); a 1 GiB folder read whole would need over 1,024 MB. */
const RSS_LIMIT_MB = 300;

interface WrittenFolder {
  readonly bytes: number;
  readonly objects: number;
  readonly gzipped: number;
  readonly records: Record<Table, number>;
  readonly chars: Record<Table, number>;
}

/**
 * Writes a Kafka Connect S3 sink folder of at least `targetBytes` on disk from a pool of generated
 * posts (dirty ones and re-posts included), cycling through the pool so objects differ, and counts
 * what it wrote: records and the characters of each record's JSON as JSON.parse and
 * JSON.stringify give it back.
 */
function writeKafkaConnectFolder(dir: string, targetBytes: number): WrittenFolder {
  const pool = [...generatePostLines({ seed: 41, count: 5000, dirty: 0.02, duplicates: 0.01 })];
  const lines = { pin: pool.map((p) => p.pin), geo: pool.map((p) => p.geo), user: pool.map((p) => p.user) };
  const charsOf = (line: string) => JSON.stringify(JSON.parse(line)).length;
  const lineChars = {
    pin: lines.pin.map(charsOf),
    geo: lines.geo.map(charsOf),
    user: lines.user.map(charsOf),
  };
  const records = { pin: 0, geo: 0, user: 0 };
  const chars = { pin: 0, geo: 0, user: 0 };
  const offsets = { pin: [0, 0, 0, 0], geo: [0, 0, 0, 0], user: [0, 0, 0, 0] };
  let bytes = 0;
  let objects = 0;
  let gzipped = 0;
  while (bytes < targetBytes) {
    for (const table of TABLES) {
      const count = RECORDS_PER_OBJECT[objects % RECORDS_PER_OBJECT.length]!;
      const gzip = objects % GZIP_EVERY === GZIP_EVERY - 1;
      const partition = objects % PARTITIONS;
      const text: string[] = [];
      for (let i = 0; i < count; i++) {
        const at = (records[table] + i) % pool.length;
        text.push(lines[table][at]!);
        chars[table] += lineChars[table][at]!;
      }
      const key = formatKafkaConnectKey({
        topic: `0a1b2c3d4e5f.${table}`,
        partition,
        startOffset: offsets[table][partition]!,
        ext: gzip ? "json.gz" : "json",
      });
      const body = `${text.join("\n")}\n`;
      // Level 1: the reader inflates any level alike, and the fastest one keeps the test short.
      const data = gzip ? gzipSync(body, { level: constants.Z_BEST_SPEED }) : body;
      const path = join(dir, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      bytes += Buffer.byteLength(data);
      records[table] += count;
      offsets[table][partition]! += count;
      objects++;
      if (gzip) gzipped++;
    }
  }
  return { bytes, objects, gzipped, records, chars };
}

describe("readLocalRecords at scale", () => {
  it("streams a 1 GiB Kafka Connect folder in memory that does not depend on its size", async () => {
    const dir = await newTempDir();
    const written = writeKafkaConnectFolder(dir, TARGET_BYTES);
    expect(written.bytes).toBeGreaterThanOrEqual(TARGET_BYTES);

    const started = performance.now();
    const child = fileURLToPath(new URL("./countLocalRecords.ts", import.meta.url));
    const { stdout } = await run(
      process.execPath,
      ["--conditions=@pinpipe/source", "--import", "tsx", child, dir],
      { timeout: 240_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    const read = JSON.parse(stdout) as {
      records: Record<Table, number>;
      chars: Record<Table, number>;
      errors: number;
      startRssMb: number;
      peakRssMb: number;
    };

    const label = `1 GiB Kafka Connect folder (${written.objects} objects, ${written.gzipped} gzipped), readLocalRecords`;
    recordPeak("peak memory (MB)", `${label} RSS`, Math.round(read.peakRssMb));
    recordPeak("elapsed (s)", label, Math.round(seconds));
    expect(read.errors).toBe(0);
    expect(read.records).toEqual(written.records);
    expect(read.chars).toEqual(written.chars);
    expect(read.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  }, 300_000);
});
