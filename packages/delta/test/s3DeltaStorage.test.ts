import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSnapshot, s3DeltaStorage, writeTableCommit } from "../src/index";

describe("s3DeltaStorage on the local S3 server", () => {
  let s3: LocalS3Server;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["lake"] });
    client = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "k", secretAccessKey: "s" },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  const statusOf = (error: unknown) =>
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const text = async (key: string) =>
    (await client.send(new GetObjectCommand({ Bucket: "lake", Key: key }))).Body!.transformToString();

  it("the server refuses If-None-Match: * on an existing key with 412, keeping the first body", async () => {
    const key = "t/_delta_log/00000000000000000000.json";
    await client.send(new PutObjectCommand({ Bucket: "lake", Key: key, Body: "first", IfNoneMatch: "*" }));
    const second = client.send(
      new PutObjectCommand({ Bucket: "lake", Key: key, Body: "second", IfNoneMatch: "*" }),
    );
    await expect(second).rejects.toSatisfy((error) => statusOf(error) === 412);
    expect(await text(key)).toBe("first");
    // An unconditional put still replaces.
    await client.send(new PutObjectCommand({ Bucket: "lake", Key: key, Body: "third" }));
    expect(await text(key)).toBe("third");
  });

  it("putIfAbsent lets exactly one of many racing writers create a key", async () => {
    const storage = s3DeltaStorage(client, "lake", "race");
    const path = "_delta_log/00000000000000000001.json";
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        storage.putIfAbsent(path, new TextEncoder().encode(`writer ${i}`)),
      ),
    );
    const won = created.flatMap((ok, i) => (ok ? [i] : []));
    expect(won).toHaveLength(1);
    expect(new TextDecoder().decode((await storage.read(path))!)).toBe(`writer ${won[0]}`);
    expect(await storage.read("_delta_log/missing.json")).toBeNull();
    expect(await storage.list("_delta_log")).toEqual(["00000000000000000001.json"]);
  });

  it("concurrent commits to one table on S3 lose nothing", async () => {
    const storage = s3DeltaStorage(client, "lake", "tables/t");
    const definition = {
      fields: [{ name: "ind", type: "long" as const, nullable: false }],
      partitionColumns: [],
    };
    await Promise.all(
      Array.from({ length: 4 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 4; i++) {
            await writeTableCommit(storage, definition, {
              add: [
                {
                  path: `w${w}-${i}.parquet`,
                  partitionValues: {},
                  size: 1,
                  stats: "{}",
                  modificationTime: 0,
                },
              ],
            });
          }
        })(),
      ),
    );
    const snapshot = (await loadSnapshot(storage))!;
    expect(snapshot.files.size).toBe(16);
    expect(snapshot.version).toBe(15);
    // Version 10 got its checkpoint, which replays to the same table.
    expect(await storage.list("_delta_log")).toContain("00000000000000000010.checkpoint.parquet");
    expect(snapshot.checkpointVersion).toBe(10);
  });
});
