import { stat } from "node:fs/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  type LocalRecordPosition,
  readLocalRecords,
  readS3Records,
  type S3RecordPosition,
  type SourceTable,
} from "@pinpipe/ingest";
import type { StorageLocation } from "../output/index";
import { describeError } from "./describeError";

/**
 * One item read from the source: a parsed record of a table, or a line or file that held none
 * (`error` set). `position` is where it was found: `{ file, line, byteOffset }` in a local folder,
 * `{ key, line, byteOffset }` in S3 (line 0: the whole file or object).
 *
 * @example
 * const item: SourceItem = { table: "pin", record: { index: 1 }, position: { file: "topics/a.pin/…", line: 1, byteOffset: 0 } };
 */
export interface SourceItem {
  readonly table: SourceTable | null;
  readonly record: unknown;
  readonly error?: { readonly reason: string };
  readonly position: LocalRecordPosition | S3RecordPosition;
}

/**
 * The file (local) or object key (S3) of a position.
 *
 * @example
 * sourceFileOf({ key: "topics/a.pin/partition=0/a.pin+0+0000000000.json", line: 2, byteOffset: 40 }); // the key
 */
export function sourceFileOf(position: SourceItem["position"]): string {
  return "file" in position ? position.file : position.key;
}

/** Why a source could not be read at all; the message is one line for the user. */
export class SourceError extends Error {
  override readonly name = "SourceError";
}

/**
 * Reads the raw records of a source: a local folder (or file) holding the Kafka Connect S3 sink
 * layout and/or NDJSON files (`readLocalRecords`), or `s3://bucket/prefix` holding the sink layout
 * (`readS3Records`; other keys are skipped). Records come in a fixed order (topic, partition,
 * offset), so a run over the same input reads the same sequence.
 *
 * @throws {SourceError} (when iterated) for a missing local path or an S3 listing that fails
 * (unreachable endpoint, no such bucket, access denied).
 * @example
 * for await (const item of readSourceRecords({ kind: "local", path: "/data/raw" })) count(item);
 */
export async function* readSourceRecords(
  location: StorageLocation,
  s3Client?: () => S3Client,
): AsyncGenerator<SourceItem, void, undefined> {
  if (location.kind === "local") {
    try {
      await stat(location.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        code === "ENOENT"
          ? `source ${location.path} does not exist`
          : `cannot read source ${location.path}: ${describeError(error)}`,
      );
    }
    try {
      yield* readLocalRecords(location.path);
    } catch (error) {
      throw new SourceError(`cannot read source ${location.path}: ${describeError(error)}`);
    }
    return;
  }
  if (s3Client === undefined) throw new SourceError("no S3 client to read an s3:// source");
  const where = `s3://${location.bucket}${location.prefix === "" ? "" : `/${location.prefix}`}`;
  try {
    yield* readS3Records({
      client: s3Client(),
      bucket: location.bucket,
      ...(location.prefix === "" ? {} : { prefix: `${location.prefix}/` }),
      unrecognizedKeys: "skip",
    });
  } catch (error) {
    throw new SourceError(`cannot read source ${where}: ${describeError(error)}`);
  }
}
