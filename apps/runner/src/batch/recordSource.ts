import { stat } from "node:fs/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { readLocalRecords } from "@pinpipe/ingest";
import type { StorageLocation } from "../output/index";
import { describeError } from "./describeError";
import { readS3Source } from "./readS3Source";
import { MAX_RECOVERED_LINE_BYTES, recoverLocalLine } from "./recoverLocalLine";
import { SourceError } from "./sourceError";
import type { SourceItem } from "./sourceItem";
import { DEFAULT_SOURCE_LIMITS, type SourceLimits } from "./sourceLimits";

/**
 * Reads the raw records of a source: a local folder (or file) holding the Kafka Connect S3 sink
 * layout and/or NDJSON files (`readLocalRecords`), or `s3://bucket/prefix` holding the sink layout
 * (`readS3Source`, through `readS3Records`; other keys are skipped). Both parse lines the same way
 * and apply the same `limits`, so a local copy of the objects reads the same values. Records come in a fixed order (topic,
 * partition, offset), so a run over the same input reads the same sequence.
 *
 * @throws {SourceError} (when iterated) for a missing local path, an S3 listing that fails
 * (unreachable endpoint, no such bucket, access denied) or an object that still cannot be read after
 * its attempts.
 * @example
 * for await (const item of readSourceRecords({ kind: "local", path: "/data/raw" })) count(item);
 */
export async function* readSourceRecords(
  location: StorageLocation,
  s3Client?: () => S3Client,
  limits: SourceLimits = DEFAULT_SOURCE_LIMITS,
): AsyncGenerator<SourceItem, void, undefined> {
  if (location.kind === "local") {
    let rootIsFile: boolean;
    try {
      rootIsFile = (await stat(location.path)).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        code === "ENOENT"
          ? `source ${location.path} does not exist`
          : `cannot read source ${location.path}: ${describeError(error)}`,
      );
    }
    // A line over the limit stays unread here too (its raw is null, as from S3).
    const recoverBytes = Math.min(MAX_RECOVERED_LINE_BYTES, limits.maxLineBytes);
    try {
      for await (const item of readLocalRecords(location.path, limits)) {
        const { position } = item;
        const text =
          item.error === undefined || position.line === 0
            ? undefined
            : recoverLocalLine(location.path, position.file, position.byteOffset, rootIsFile, recoverBytes);
        yield text === undefined ? item : { ...item, text };
      }
    } catch (error) {
      throw new SourceError(`cannot read source ${location.path}: ${describeError(error)}`);
    }
    return;
  }
  if (s3Client === undefined) throw new SourceError("no S3 client to read an s3:// source");
  yield* readS3Source({ client: s3Client(), bucket: location.bucket, prefix: location.prefix, ...limits });
}
