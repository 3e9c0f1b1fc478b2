import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { validateS3Key } from "./validateS3Key";

/**
 * One listed object.
 *
 * @example
 * ```ts
 * const object: S3ObjectSummary = { key: "topics/a.pin/partition=0/a.pin+0+0000000000.json", size: 120 };
 * ```
 */
export interface S3ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: Date;
  readonly etag?: string;
}

/**
 * Options of {@link listS3Objects}.
 *
 * @example
 * ```ts
 * const options: ListS3ObjectsOptions = { client, bucket: "raw", prefix: "topics/", pageSize: 1000 };
 * ```
 */
export interface ListS3ObjectsOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Only keys starting with this (may end with `/`). */
  readonly prefix?: string;
  /** Only keys after this one in S3's order (UTF-8 bytes). */
  readonly startAfter?: string;
  /** MaxKeys per ListObjectsV2 call (1..1000; default 1000, S3's maximum). */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/**
 * Every object under a prefix, in S3's key order, following ListObjectsV2's ContinuationToken across
 * pages. No Delimiter is used: a flat listing sees every depth (s3rver's delimiter listings miss deeper
 * prefixes, and the Kafka Connect layout is three folders deep).
 *
 * @example
 * ```ts
 * for await (const object of listS3Objects({ client, bucket: "raw", prefix: "topics/" })) console.log(object.key);
 * ```
 */
export async function* listS3Objects(options: ListS3ObjectsOptions): AsyncGenerator<S3ObjectSummary> {
  const { client, bucket, signal } = options;
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new RangeError(`pageSize must be an integer in 1..1000, got ${pageSize}`);
  }
  if (options.prefix !== undefined && options.prefix !== "")
    validateS3Key(options.prefix, { allowFolder: true });
  const seenTokens = new Set<string>();
  let continuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        MaxKeys: pageSize,
        ...(options.prefix ? { Prefix: options.prefix } : {}),
        // S3 ignores StartAfter once a ContinuationToken is given, so it only goes with the first call.
        ...(continuationToken === undefined
          ? options.startAfter
            ? { StartAfter: options.startAfter }
            : {}
          : { ContinuationToken: continuationToken }),
      }),
      signal === undefined ? {} : { abortSignal: signal },
    );
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined) continue;
      yield {
        key: object.Key,
        size: object.Size ?? 0,
        ...(object.LastModified === undefined ? {} : { lastModified: object.LastModified }),
        ...(object.ETag === undefined ? {} : { etag: object.ETag }),
      };
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (page.IsTruncated && continuationToken === undefined) {
      throw new Error(`ListObjectsV2 of ${bucket} said truncated but gave no continuation token`);
    }
    // A server that repeats a token would otherwise make this loop endless.
    if (continuationToken !== undefined) {
      if (seenTokens.has(continuationToken))
        throw new Error(`ListObjectsV2 of ${bucket} repeated a continuation token`);
      seenTokens.add(continuationToken);
    }
  } while (continuationToken !== undefined);
}
