import { resolve } from "node:path";
import { validateS3Key } from "@pinpipe/ingest";

/**
 * A parsed `--source` or `--out` argument: a local folder (absolute) or an S3 bucket and key prefix
 * (`""` for the bucket's root, else without a trailing `/`).
 *
 * @example
 * const location: StorageLocation = { kind: "s3", bucket: "lake", prefix: "raw" };
 */
export type StorageLocation =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly prefix: string };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses `s3://bucket[/prefix]` (bucket named as S3 requires; prefix checked like an object key) or
 * a local path, resolved against `cwd`.
 *
 * @throws {RangeError} for an `s3://` URL without a valid bucket name or with an unsafe prefix.
 * @example
 * parseStorageLocation("s3://lake/raw/", "/home/me"); // { kind: "s3", bucket: "lake", prefix: "raw" }
 * parseStorageLocation("out", "/home/me"); // { kind: "local", path: "/home/me/out" }
 */
export function parseStorageLocation(text: string, cwd: string): StorageLocation {
  if (!/^s3:\/\//i.test(text)) {
    if (text.trim() === "") throw new RangeError("a location must not be empty");
    return { kind: "local", path: resolve(cwd, text) };
  }
  const rest = text.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  let prefix = slash < 0 ? "" : rest.slice(slash + 1);
  if (!BUCKET.test(bucket)) throw new RangeError(`not a valid S3 bucket name in ${JSON.stringify(text)}`);
  if (prefix.endsWith("/")) prefix = prefix.slice(0, -1);
  if (prefix !== "") {
    try {
      validateS3Key(prefix);
    } catch (error) {
      throw new RangeError(`unsafe S3 prefix in ${JSON.stringify(text)}: ${(error as Error).message}`);
    }
  }
  return { kind: "s3", bucket, prefix };
}
