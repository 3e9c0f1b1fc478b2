import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { serializeRecordLine } from "./serializeRecordLine";

/** Options of {@link writeNdjson}. */
export interface WriteNdjsonOptions {
  /** Gzip the file. Default false. */
  readonly gzip?: boolean;
  /** Records are already JSON text and are written as they are. */
  readonly serialized?: boolean;
}

const BATCH_CHARS = 64 * 1024;

/**
 * Streams records into an NDJSON file (one JSON record per line, `\n` endings), optionally gzipped,
 * with backpressure, so any number of records is written in constant memory. Resolves with the number
 * of records written.
 *
 * @example
 * await writeNdjson("/tmp/geo.ndjson", [{ ind: 1 }, { ind: 2 }]); // 2
 */
export async function writeNdjson(
  path: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: WriteNdjsonOptions = {},
): Promise<number> {
  const serialized = options.serialized === true;
  let count = 0;
  // Lines are batched into ~64 KiB strings: one stream write per line would dominate the cost.
  async function* batches(): AsyncGenerator<string, void, undefined> {
    let batch = "";
    for await (const record of records) {
      batch += `${serializeRecordLine(record, count, serialized)}\n`;
      count++;
      if (batch.length >= BATCH_CHARS) {
        yield batch;
        batch = "";
      }
    }
    if (batch.length > 0) yield batch;
  }
  const output = createWriteStream(path);
  if (options.gzip === true) await pipeline(Readable.from(batches()), createGzip(), output);
  else await pipeline(Readable.from(batches()), output);
  return count;
}
