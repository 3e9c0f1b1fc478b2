import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOutputSink, S3OutputSink, scopedOutputSink } from "../../src/output/index";

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

describe("S3OutputSink against a local S3 server", () => {
  let server: LocalS3Server;
  let client: S3Client;

  beforeAll(async () => {
    server = await startLocalS3({ buckets: ["lake"] });
    client = createS3Client({ endpoint: server.endpoint, env: {} });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it("writes objects under its prefix with a content type from the extension, and reads them back", async () => {
    const sink = new S3OutputSink(client, "lake", "pinpipe/");
    expect(sink.location).toBe("s3://lake/pinpipe");
    await sink.put("runs/a/results/q1.csv", "country\r\nChad\r\n");
    await sink.put("runs/a/tables/pin/category=art/part-00000.parquet", new Uint8Array([80, 65, 82, 49]));
    expect(text(await sink.get("runs/a/results/q1.csv"))).toBe("country\r\nChad\r\n");
    const head = await client.send(
      new HeadObjectCommand({
        Bucket: "lake",
        Key: "pinpipe/runs/a/tables/pin/category=art/part-00000.parquet",
      }),
    );
    expect(head.ContentType).toBe("application/vnd.apache.parquet");
    expect(head.ContentLength).toBe(4);
  });

  it("answers undefined and false for missing objects, and lists relative paths in order", async () => {
    const sink = new S3OutputSink(client, "lake", "listing");
    expect(await sink.get("nope.json")).toBeUndefined();
    expect(await sink.exists("nope.json")).toBe(false);
    await sink.put("runs/b/x.json", "1");
    await sink.put("runs/a/y.json", "2");
    await sink.put("other/z.json", "3");
    // A console-made "folder" object is not a file.
    await client.send(new PutObjectCommand({ Bucket: "lake", Key: "listing/runs/c/", Body: "" }));
    expect(await sink.exists("runs/a/y.json")).toBe(true);
    expect(await sink.list("runs/")).toEqual(["runs/a/y.json", "runs/b/x.json"]);
    expect(await sink.list("")).toEqual(["other/z.json", "runs/a/y.json", "runs/b/x.json"]);
    await sink.remove("runs/a/y.json");
    await sink.remove("runs/a/y.json"); // already gone: not an error
    expect(await sink.list("runs/")).toEqual(["runs/b/x.json"]);
  });

  it("works at the bucket's root and through a scoped view", async () => {
    const root = openOutputSink("s3://lake", { cwd: "/", s3Client: () => client });
    expect(root.location).toBe("s3://lake");
    const run = scopedOutputSink(root, "rootruns/r1");
    await run.put("manifest.json", "{}\n");
    expect(await root.exists("rootruns/r1/manifest.json")).toBe(true);
    expect(await run.list("")).toEqual(["manifest.json"]);
  });

  it("rejects unsafe paths and prefixes without sending a request", async () => {
    const sink = new S3OutputSink(client, "lake", "safe");
    for (const path of ["../escape.json", "/abs.json", "a//b", "a/./b"]) {
      await expect(sink.put(path, "x")).rejects.toThrow(RangeError);
      await expect(sink.get(path)).rejects.toThrow(RangeError);
      await expect(sink.remove(path)).rejects.toThrow(RangeError);
    }
    expect(() => new S3OutputSink(client, "lake", "../up")).toThrow(RangeError);
    expect(() => openOutputSink("s3://lake/x", { cwd: "/" })).toThrow(/no S3 client/);
    expect(await new S3OutputSink(client, "lake", "").list("escape")).toEqual([]);
  });
});
