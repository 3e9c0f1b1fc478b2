import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { RawTableName } from "@pinpipe/analytics";
import { generatePostLines } from "@pinpipe/ingest";

/** A raw fixture on disk and every line written to it, per table (bad lines included). */
export interface RawFixture {
  readonly dir: string;
  readonly lines: Record<RawTableName, string[]>;
}

const TABLES: readonly RawTableName[] = ["pin", "geo", "user"];
const BAD_LINES: Record<RawTableName, readonly string[]> = {
  pin: ['{"index": 5, "title": "cut off', "[1, 2, 3]"],
  geo: ["not json", '{"latitude": 1}'],
  user: ['{"ind": -4, "age": 20}', "null"],
};

/**
 * Writes a small raw dataset in the Kafka Connect S3 sink layout under a new temporary folder:
 * `posts` generated posts (some dirty, some re-posted), one to three records per object, two
 * partitions per topic, one object per topic gzipped, a few bad lines, and a blank line.
 */
export function writeRawFixture(posts: number, seed: number): RawFixture {
  const dir = mkdtempSync(join(tmpdir(), "pinpipe-analyze-"));
  const lines: Record<RawTableName, string[]> = { pin: [], geo: [], user: [] };
  for (const post of generatePostLines({ seed, count: posts, dirty: 0.2, duplicates: 0.1 })) {
    for (const table of TABLES) lines[table].push(post[table]);
  }
  for (const table of TABLES) {
    lines[table].splice(7, 0, BAD_LINES[table][0]!);
    lines[table].push(BAD_LINES[table][1]!);
    const topic = `0a1b2c3d.${table}`;
    let offset = 0;
    let object = 0;
    while (offset < lines[table].length) {
      const size = 1 + (object % 3);
      const records = lines[table].slice(offset, offset + size);
      const partition = object % 2;
      const folder = join(dir, "topics", topic, `partition=${partition}`);
      mkdirSync(folder, { recursive: true });
      const name = `${topic}+${partition}+${String(offset).padStart(10, "0")}.json`;
      // A blank line inside one object: not a record.
      const text = `${records.join(object === 4 ? "\n\n" : "\n")}\n`;
      if (object === 2) writeFileSync(join(folder, `${name}.gz`), gzipSync(text));
      else writeFileSync(join(folder, name), text);
      offset += size;
      object++;
    }
  }
  return { dir, lines };
}
