import { stat } from "node:fs/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { readLocalRecords } from "@pinpipe/ingest";
import type { StorageLocation } from "../output/index";
import { describeError } from "./describeError";
import { readS3Source } from "./readS3Source";
import { recoverLocalLine } from "./recoverLocalLine";
import { SourceError } from "./sourceError";
import type { SourceItem } from "./sourceItem";

/**
 * Reads the raw records of a source: a local folder (or file) holding the Kafka Connect S3 sink
 * layout and/or NDJSON files (`readLocalRecords`), or `s3://bucket/prefix` holding the sink layout
 * (`readS3Source`, through `readS3Records`; other keys are skipped). Both parse lines the same way,
 * so a local copy of the objects reads the same values. Records come in a fixed order (topic,
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
    try {
      for await (const item of readLocalRecords(location.path)) {
        const { position } = item;
        const text =
          item.error === undefined || position.line === 0
            ? undefined
            : recoverLocalLine(location.path, position.file, position.byteOffset, rootIsFile);
        yield text === undefined ? item : { ...item, text };
      }
    } catch (error) {
      throw new SourceError(`cannot read source ${location.path}: ${describeError(error)}`);
    }
    return;
  }
  if (s3Client === undefined) throw new SourceError("no S3 client to read an s3:// source");
  yield* readS3Source({ client: s3Client(), bucket: location.bucket, prefix: location.prefix });
}
