import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { DeltaStorage, StoredFile } from "./deltaStorage";

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === "NoSuchKey" || name === "NotFound" || statusOf(error) === 404;
}

/**
 * A table under `s3://bucket/prefix`. `putIfAbsent` is a PutObject with `If-None-Match: *`, which
 * S3 answers with 412 Precondition Failed (or 409 for a concurrent conditional write of the same
 * key) when the key exists: the commit protocol's mutual exclusion, without a lock service. The
 * client is borrowed: the caller creates and destroys it.
 *
 * @example
 * const storage = s3DeltaStorage(client, "lake", "pinpipe/tables/pinpipe_pin_table");
 */
export function s3DeltaStorage(client: S3Client, bucket: string, prefix: string): DeltaStorage {
  const root = prefix.replace(/\/+$/, "");
  const keyOf = (path: string) => (root === "" ? path : `${root}/${path}`);
  async function listKeys(
    keyPrefix: string,
    delimiter: boolean,
  ): Promise<{ key: string; size: number; time: number }[]> {
    const found: { key: string; size: number; time: number }[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: keyPrefix,
          ...(delimiter ? { Delimiter: "/" } : {}),
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) {
          found.push({ key: object.Key, size: object.Size ?? 0, time: object.LastModified?.getTime() ?? 0 });
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return found;
  }
  return {
    location: `s3://${bucket}/${root}`,
    async read(path) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(path) }));
        return answer.Body === undefined ? new Uint8Array() : await answer.Body.transformToByteArray();
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async putIfAbsent(path, bytes) {
      try {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: keyOf(path), Body: bytes, IfNoneMatch: "*" }),
        );
        return true;
      } catch (error) {
        const status = statusOf(error);
        if (status === 412 || status === 409) return false;
        throw error;
      }
    },
    async put(path, bytes) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(path), Body: bytes }));
    },
    async list(folder) {
      const keyPrefix = `${keyOf(folder)}/`;
      return (await listKeys(keyPrefix, true)).map((object) => object.key.slice(keyPrefix.length)).sort();
    },
    async listAll() {
      const keyPrefix = root === "" ? "" : `${root}/`;
      const files: StoredFile[] = (await listKeys(keyPrefix, false)).map((object) => ({
        path: object.key.slice(keyPrefix.length),
        size: object.size,
        modificationTime: object.time,
      }));
      return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async remove(path) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(path) }));
    },
  };
}
