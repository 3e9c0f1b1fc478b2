import type { S3Client } from "@aws-sdk/client-s3";
import { LocalOutputSink } from "./localOutputSink";
import type { OutputSink } from "./outputSink";
import { S3OutputSink } from "./s3OutputSink";
import { parseStorageLocation } from "./storageLocation";

/** Options of {@link openOutputSink}. */
export interface OpenOutputSinkOptions {
  /** Folder a relative local path is resolved against. */
  readonly cwd: string;
  /** Supplies the client for an `s3://` location (called only then), e.g. `() => createS3Client()`. */
  readonly s3Client?: () => S3Client;
}

/**
 * The {@link OutputSink} of an `--out` argument: `s3://bucket/prefix` or a local folder.
 *
 * @throws {RangeError} for an invalid `s3://` location, or one given without `s3Client`.
 * @example
 * const client = createS3Client();
 * const sink = openOutputSink("s3://lake/pinpipe", { cwd: process.cwd(), s3Client: () => client });
 * sink.location; // "s3://lake/pinpipe"
 */
export function openOutputSink(location: string, options: OpenOutputSinkOptions): OutputSink {
  const parsed = parseStorageLocation(location, options.cwd);
  if (parsed.kind === "local") return new LocalOutputSink(parsed.path);
  if (options.s3Client === undefined) throw new RangeError(`no S3 client to write to ${location}`);
  return new S3OutputSink(options.s3Client(), parsed.bucket, parsed.prefix);
}
