import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { type DeltaStorage, localDeltaStorage, s3DeltaStorage } from "@pinpipe/delta";
import type { StorageLocation } from "../output/index";

/**
 * The storage of the Delta table `<root>/tables/<name>`, a local folder or an S3 prefix.
 *
 * @example
 * const storage = openDeltaTable({ kind: "local", path: "/data/out" }, "pinpipe_pin_table");
 */
export function openDeltaTable(root: StorageLocation, name: string, s3Client?: () => S3Client): DeltaStorage {
  if (root.kind === "local") return localDeltaStorage(join(root.path, "tables", name));
  if (s3Client === undefined) throw new RangeError(`no S3 client for s3://${root.bucket}`);
  const prefix = root.prefix.replace(/\/+$/, "");
  return s3DeltaStorage(
    s3Client(),
    root.bucket,
    prefix === "" ? `tables/${name}` : `${prefix}/tables/${name}`,
  );
}
