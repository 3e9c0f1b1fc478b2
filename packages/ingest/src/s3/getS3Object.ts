import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { validateS3Key } from "./validateS3Key";

/**
 * Options of {@link getS3Object}.
 *
 * @example
 * ```ts
 * const options: GetS3ObjectOptions = { client, bucket: "out", key: "reports/run.json", maxBytes: 1 << 20 };
 * ```
 */
export interface GetS3ObjectOptions {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  /** Refuse bodies larger than this (default 256 MiB), since the whole body is held in memory. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Reads one whole object into memory (for outputs and small files; record objects are streamed by
 * `readS3Records`). Fails on a missing object (the SDK's `NoSuchKey`) and on bodies over `maxBytes`.
 *
 * @example
 * ```ts
 * const bytes = await getS3Object({ client, bucket: "out", key: "reports/run.json" });
 * JSON.parse(bytes.toString("utf8"));
 * ```
 */
export async function getS3Object(options: GetS3ObjectOptions): Promise<Buffer> {
  const key = validateS3Key(options.key);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new RangeError(`maxBytes must be ≥ 0, got ${maxBytes}`);
  const response = await options.client.send(
    new GetObjectCommand({ Bucket: options.bucket, Key: key }),
    options.signal === undefined ? {} : { abortSignal: options.signal },
  );
  const body = response.Body as Readable | undefined;
  if (body === undefined) return Buffer.alloc(0);
  if (response.ContentLength !== undefined && response.ContentLength > maxBytes) {
    body.destroy();
    throw new RangeError(
      `s3://${options.bucket}/${key} has ${response.ContentLength} bytes, over maxBytes ${maxBytes}`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > maxBytes) {
      body.destroy();
      throw new RangeError(`s3://${options.bucket}/${key} is larger than maxBytes ${maxBytes}`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
