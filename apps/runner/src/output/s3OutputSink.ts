import { DeleteObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getS3Object, listS3Objects, putS3Object, validateS3Key } from "@pinpipe/ingest";
import type { OutputSink } from "./outputSink";
import { validateOutputPath } from "./validateOutputPath";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: "application/json",
  ndjson: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
  html: "text/html; charset=utf-8",
};

function contentTypeOf(path: string): string {
  const extension = path.slice(path.lastIndexOf(".") + 1);
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

function isNotFound(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    failure.name === "NoSuchKey" || failure.name === "NotFound" || failure.$metadata?.httpStatusCode === 404
  );
}

/**
 * An {@link OutputSink} over `s3://bucket/prefix`: each file is one object under the prefix, written
 * with one PutObject (atomic per object) and a content type from its extension (`.json`, `.ndjson`,
 * `.csv`, `.parquet`, `.html`). The client is borrowed: the caller creates it (`createS3Client`) and
 * destroys it.
 *
 * @example
 * const sink = new S3OutputSink(createS3Client(), "lake", "pinpipe");
 * await sink.put("runs/x/manifest.json", "{}\n"); // s3://lake/pinpipe/runs/x/manifest.json
 */
export class S3OutputSink implements OutputSink {
  readonly location: string;
  private readonly keyPrefix: string;

  /** `prefix` may be `""` (the bucket's root) and may end with `/`. */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    prefix: string,
  ) {
    const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
    if (trimmed !== "") validateS3Key(trimmed);
    this.keyPrefix = trimmed === "" ? "" : `${trimmed}/`;
    this.location = `s3://${bucket}${trimmed === "" ? "" : `/${trimmed}`}`;
  }

  async put(path: string, body: Uint8Array | string): Promise<void> {
    await putS3Object({
      client: this.client,
      bucket: this.bucket,
      key: this.keyOf(path),
      body,
      contentType: contentTypeOf(path),
    });
  }

  async get(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(
        await getS3Object({ client: this.client, bucket: this.bucket, key: this.keyOf(path) }),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    validateOutputPath(prefix, { prefix: true });
    const paths: string[] = [];
    const listPrefix = `${this.keyPrefix}${prefix}`;
    for await (const object of listS3Objects({
      client: this.client,
      bucket: this.bucket,
      ...(listPrefix === "" ? {} : { prefix: listPrefix }),
    })) {
      // Console-made "folder" objects are not files.
      if (!object.key.endsWith("/")) paths.push(object.key.slice(this.keyPrefix.length));
    }
    return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async remove(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(path) }));
  }

  private keyOf(path: string): string {
    return `${this.keyPrefix}${validateOutputPath(path)}`;
  }
}
