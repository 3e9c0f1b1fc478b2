import { CreateStreamCommand, type KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKinesisClient, createS3Client } from "../../src/index";

describe("createS3Client and createKinesisClient against the local servers", () => {
  let s3Server: LocalServer;
  let kinesisServer: LocalServer;
  let s3: S3Client;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    [s3Server, kinesisServer] = await Promise.all([startLocalS3(), startLocalKinesis()]);
    // An empty env: the host's AWS settings must not leak into the test.
    s3 = createS3Client({ endpoint: s3Server.endpoint, env: {}, maxAttempts: 2, retryMode: "adaptive" });
    kinesis = createKinesisClient({ endpoint: kinesisServer.endpoint, env: {} });
  });
  afterAll(async () => {
    s3?.destroy();
    kinesis?.destroy();
    await Promise.all([s3Server?.stop(), kinesisServer?.stop()]);
  });

  it("configures S3 for a local endpoint: path style, local region, retries", async () => {
    expect(s3.config.forcePathStyle).toBe(true);
    expect(await s3.config.region()).toBe("us-east-1");
    expect(await s3.config.maxAttempts()).toBe(2);
    expect(await s3.config.retryStrategy()).toMatchObject({ mode: "adaptive" });
  });

  it("round-trips an object through the real local S3 server", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "clients" }));
    await s3.send(new PutObjectCommand({ Bucket: "clients", Key: "a/b.json", Body: '{"x":1}\n' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "clients" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["a/b.json"]);
    const got = await s3.send(new GetObjectCommand({ Bucket: "clients", Key: "a/b.json" }));
    expect(await got.Body?.transformToString()).toBe('{"x":1}\n');
  });

  it("talks HTTP/1.1 to the real local Kinesis server", async () => {
    expect(kinesis.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
    await kinesis.send(new CreateStreamCommand({ StreamName: "clients", ShardCount: 1 }));
    const listed = await kinesis.send(new ListStreamsCommand({}));
    expect(listed.StreamNames).toEqual(["clients"]);
  });

  it("keeps virtual-hosted style for AWS unless asked", () => {
    const aws = createS3Client({ env: {}, region: "eu-west-1" });
    const pathStyle = createS3Client({ env: {}, region: "eu-west-1", forcePathStyle: true });
    try {
      expect(aws.config.forcePathStyle).toBe(false);
      expect(pathStyle.config.forcePathStyle).toBe(true);
    } finally {
      aws.destroy();
      pathStyle.destroy();
    }
  });
});
