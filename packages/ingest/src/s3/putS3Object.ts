import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { validateS3Key } from "./validateS3Key";

/**
 * Options of {@link putS3Object}.
 *
 * @example
 * ```ts
 * const options: PutS3ObjectOptions = { client, bucket: "out", key: "pin/part-0.json", body: "{}\n" };
 * ```
 */
export interface PutS3ObjectOptions {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  /** Text (sent as UTF-8) or bytes. */
  readonly body: string | Uint8Array;
  /** Content-Type; default `application/octet-stream`. */
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly signal?: AbortSignal;
}

/**
 * Writes one object (a Parquet file, a JSON report...) after checking its key with `validateS3Key`.
 * The body is sent in one PutObject, which AWS allows up to 5 GiB; for bigger outputs use multipart.
 *
 * @example
 * ```ts
 * await putS3Object({ client, bucket: "out", key: "reports/run.json", body: JSON.stringify(report), contentType: "application/json" });
 * ```
 */
export async function putS3Object(
  options: PutS3ObjectOptions,
): Promise<{ readonly etag: string | undefined }> {
  const key = validateS3Key(options.key);
  const response = await options.client.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: key,
      Body: options.body,
      ContentType: options.contentType ?? "application/octet-stream",
      ...(options.contentEncoding === undefined ? {} : { ContentEncoding: options.contentEncoding }),
    }),
    options.signal === undefined ? {} : { abortSignal: options.signal },
  );
  return { etag: response.ETag };
}
