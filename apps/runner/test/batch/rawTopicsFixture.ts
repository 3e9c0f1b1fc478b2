import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { type CleanRecordByTable, cleanerFor, type TableName } from "@pinpipe/clean";
import { generatePostLines, writeKafkaConnectLayout, writeS3KafkaConnectLayout } from "@pinpipe/ingest";

/** Raw lines per table, as written to the Kafka Connect layout (bad lines included). */
export type RawLines = { readonly [T in TableName]: readonly string[] };

export const TABLES: readonly TableName[] = ["pin", "geo", "user"];

/** Lines that hold no clean record: not JSON, cut off, an unkeyable record. */
const BAD_LINES: { readonly [T in TableName]: readonly string[] } = {
  pin: ['{"index": 5, "title": "cut off', '{"title": "no key"}'],
  geo: ["not json", '{"ind": -3, "country": "Chad"}'],
  user: ['{"ind": "seven"}', "{"],
};

/**
 * Generated posts (some dirty, some exact re-posts) as raw lines per table, with bad lines mixed
 * in and a blank line (not a record).
 */
export function rawLines(posts: number, seed: number): RawLines {
  const lines: { [T in TableName]: string[] } = { pin: [], geo: [], user: [] };
  for (const post of generatePostLines({ seed, count: posts, dirty: 0.15, duplicates: 0.15 })) {
    for (const table of TABLES) lines[table].push(post[table]);
  }
  for (const table of TABLES) {
    lines[table].splice(3, 0, BAD_LINES[table][0]!);
    lines[table].splice(40, 0, "   ");
    lines[table].push(BAD_LINES[table][1]!);
  }
  return lines;
}

const LAYOUT = { partitions: 2, recordsPerObject: 40, serialized: true } as const;

/** Writes the lines in the Kafka Connect S3 sink layout under a new temporary folder. */
export async function writeLocalTopics(lines: RawLines): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pinpipe-batch-raw-"));
  for (const table of TABLES) await writeKafkaConnectLayout(dir, "0a1b2c", table, lines[table], LAYOUT);
  return dir;
}

/** Uploads the same layout to `s3://bucket/keyPrefix/topics/...`. */
export async function writeS3Topics(client: S3Client, bucket: string, keyPrefix: string, lines: RawLines) {
  for (const table of TABLES) {
    await writeS3KafkaConnectLayout({
      client,
      bucket,
      keyPrefix,
      topicPrefix: "0a1b2c",
      table,
      records: lines[table],
      ...LAYOUT,
    });
  }
}

/** Every clean record the lines hold, in line order (duplicates kept), cleaned by @pinpipe/clean. */
export function cleanRecords(lines: RawLines): { [T in TableName]: CleanRecordByTable[T][] } {
  const clean = <T extends TableName>(table: T): CleanRecordByTable[T][] =>
    lines[table].flatMap((line) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        return [];
      }
      const result = cleanerFor(table)(raw);
      return result.ok ? [result.value] : [];
    });
  return { pin: clean("pin"), geo: clean("geo"), user: clean("user") };
}

/** Non-blank lines per table: the records a batch must account for. */
export function recordCount(lines: RawLines, table: TableName): number {
  return lines[table].filter((line) => line.trim() !== "").length;
}
