import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  createKinesisClient,
  createS3Client,
  emulatorSequence,
  readKinesisRecords,
  readLocalRecords,
  readS3Records,
} from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postsWithoutPause } from "./emulateIntoFakes";
import { rowOf, runEmulateCommand, TABLES } from "./emulatorExpectations";

let kinesis: LocalServer;
let s3: LocalServer;
let kinesisClient: KinesisClient;
let s3Client: S3Client;
const dir = mkdtempSync(join(tmpdir(), "pinpipe-emulate-"));

beforeAll(async () => {
  [kinesis, s3] = await Promise.all([startLocalKinesis(), startLocalS3()]);
  kinesisClient = createKinesisClient({ endpoint: kinesis.endpoint });
  s3Client = createS3Client({ endpoint: s3.endpoint });
});
afterAll(async () => {
  kinesisClient?.destroy();
  s3Client?.destroy();
  await Promise.all([kinesis?.stop(), s3?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function readStream(stream: string) {
  const items = [];
  for await (const item of readKinesisRecords({
    client: kinesisClient,
    stream,
    stopWhenIdleMs: 300,
    pollIntervalMs: 50,
  })) {
    items.push(item);
  }
  return items;
}

describe("pinpipe emulate", () => {
  it("sends the emulator's rows to Kinesis: one fixed key per stream keeps them in order on one shard", async () => {
    const { code, stdout } = await runEmulateCommand(
      "--to",
      "kinesis",
      "--kinesis-endpoint",
      kinesis.endpoint,
      "--streams",
      "e1-pin,e1-geo,e1-user",
      "--partition-key",
      "table",
      ...postsWithoutPause(20),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/20 posts sent to Kinesis streams e1-pin, e1-geo, e1-user/);
    expect(stdout).toMatch(/records: pin 20, geo 20, user 20/);
    expect(stdout).toMatch(/first rows 7528, 2863, 5730, /);
    for (const stream of ["e1-pin", "e1-geo", "e1-user"]) {
      const items = await readStream(stream);
      expect(
        items.map((item) => ("record" in item ? rowOf(item.record) : -1)),
        stream,
      ).toEqual(emulatorSequence(100, 20));
      expect(new Set(items.map((item) => item.partitionKey))).toEqual(new Set([stream.slice(3)]));
    }
  });

  it("keys records by row by default, spreading them over the shards of the streams it creates", async () => {
    const { code } = await runEmulateCommand(
      "--to",
      "kinesis",
      "--kinesis-endpoint",
      kinesis.endpoint,
      "--streams",
      "e2-pin,e2-geo,e2-user",
      "--shards",
      "2",
      ...postsWithoutPause(40),
      "--rate",
      "400",
    );
    expect(code).toBe(0);
    const items = await readStream("e2-geo");
    const rows = items.map((item) => ("record" in item ? rowOf(item.record) : -1));
    expect(rows.sort((a, b) => a - b)).toEqual(emulatorSequence(100, 40).sort((a, b) => a - b));
    expect(new Set(items.map((item) => item.shardId)).size).toBe(2);
    for (const item of items)
      expect(item.partitionKey).toBe(String(rowOf("record" in item ? item.record : {})));
  });

  it("writes the Kafka Connect layout to S3", async () => {
    const { code, stdout } = await runEmulateCommand(
      "--to",
      "s3",
      "--s3-endpoint",
      s3.endpoint,
      "--bucket",
      "emulated",
      "--prefix",
      "raw/",
      "--topic-prefix",
      "0a1b",
      "--records-per-object",
      "7",
      ...postsWithoutPause(20),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Kafka Connect layout in s3:\/\/emulated\/raw/);
    expect(stdout).toMatch(/9 objects/);
    for (const table of TABLES) {
      const rows: number[] = [];
      for await (const item of readS3Records({
        client: s3Client,
        bucket: "emulated",
        prefix: `raw/topics/0a1b.${table}/`,
      })) {
        expect(item.position.key).toMatch(
          new RegExp(`^raw/topics/0a1b\\.${table}/partition=0/0a1b\\.${table}\\+0\\+\\d{10}\\.json$`),
        );
        rows.push(rowOf(item.record));
      }
      expect(rows, table).toEqual(emulatorSequence(100, 20));
    }
  });

  it("writes the same layout to a local folder", async () => {
    const out = join(dir, "raw");
    const { code } = await runEmulateCommand(
      "--to",
      "dir",
      "--out",
      out,
      ...postsWithoutPause(12),
      "--partitions",
      "2",
    );
    expect(code).toBe(0);
    const byTable: Record<string, number[]> = {};
    for await (const item of readLocalRecords(out)) {
      byTable[item.table!] = [...(byTable[item.table!] ?? []), rowOf(item.record)];
    }
    const sequence = emulatorSequence(100, 12);
    for (const table of TABLES) {
      // Round-robin over two partitions: even posts in partition 0, odd ones in partition 1.
      expect(byTable[table]).toEqual([
        ...sequence.filter((_, i) => i % 2 === 0),
        ...sequence.filter((_, i) => i % 2 === 1),
      ]);
    }
  });

  it("refuses missing or mismatched options with one line and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [[], /--to kinesis\|kafka\|s3\|dir\|rest-proxy\|api-gateway is required/],
      [["--to", "pulsar"], /--to must be one of kinesis, kafka, s3, dir, rest-proxy, api-gateway/],
      [["--to", "dir"], /--to dir needs --out/],
      [["--to", "s3"], /--to s3 needs --bucket/],
      [["--to", "dir", "--out", "x", "--bucket", "b"], /--bucket is for --to s3, not --to dir/],
      [["--to", "kinesis", "--records-per-object", "5"], /--records-per-object is for --to s3 or dir/],
      [["--to", "dir", "--out", "x", "--sleep", "ruby"], /--sleep must be one of python, none/],
      [["--to", "dir", "--out", "x", "--rate", "0"], /--rate must be a number above 0/],
      [["--to", "dir", "--out", "x", "--count", "many"], /--count must be an integer/],
      [["--to", "dir", "--out", "x", "--seed", "1.5"], /--seed must be an integer/],
      [["--to", "dir", "--out", "x", "--topic-prefix", "a/b"], /--topic-prefix must be 1 to 244 characters/],
      [["--to", "s3", "--bucket", "b", "--topic-prefix", ""], /--topic-prefix must be 1 to 244/],
      [["--to", "rest-proxy", "--url", "http://h", "--topic-prefix", "x".repeat(245)], /--topic-prefix must/],
      [["--to", "kinesis", "--topic-prefix", "p"], /--topic-prefix is for --to kafka, s3, dir or rest-proxy/],
      [["--to", "rest-proxy"], /--to rest-proxy needs --url <url>/],
      [["--to", "api-gateway"], /--to api-gateway needs --url <url>/],
      [["--to", "rest-proxy", "--url", "localhost:8082"], /--url must be an http or https URL/],
      [["--to", "rest-proxy", "--url", "ftp://h"], /--url must be an http or https URL/],
      [["--to", "api-gateway", "--url", "http://h/test?x=1"], /--url must not have a query/],
      [["--to", "dir", "--out", "x", "--url", "http://h"], /--url is for --to rest-proxy or api-gateway/],
      [
        ["--to", "rest-proxy", "--url", "http://h", "--streams", "a,b,c"],
        /--streams is for --to kinesis or api-gateway/,
      ],
      [
        ["--to", "rest-proxy", "--url", "http://h", "--partition-key", "ind"],
        /--partition-key is for --to kinesis or api-gateway/,
      ],
      [
        ["--to", "api-gateway", "--url", "http://h", "--shards", "2"],
        /--shards is for --to kinesis, not --to api-gateway/,
      ],
      [["--to", "api-gateway", "--url", "http://h", "--streams", "a,b"], /--streams needs three names/],
      [
        ["--to", "api-gateway", "--url", "http://h", "--partition-key", "row"],
        /--partition-key must be one of ind, table/,
      ],
      [["--to", "kinesis", "--partition-key", "row"], /--partition-key must be one of ind, table/],
      [
        ["--to", "kinesis", "--records-per-request", "2"],
        /--records-per-request is for --to rest-proxy or api-gateway/,
      ],
      [
        ["--to", "rest-proxy", "--url", "http://h", "--records-per-request", "0"],
        /--records-per-request must be an integer from 1 to 500/,
      ],
      [
        ["--to", "api-gateway", "--url", "http://h", "--records-per-request", "501"],
        /--records-per-request must be an integer from 1 to 500/,
      ],
      [["--to", "rest-proxy", "--url", "http://h", "--retry-for=-1"], /--retry-for must be a number above 0/],
      [
        ["--to", "dir", "--out", "x", "--retry-for", "5"],
        /--retry-for is for --to rest-proxy or api-gateway/,
      ],
      [
        ["--to", "kinesis", "--kinesis-endpoint", "not a url"],
        /--kinesis-endpoint must be an http or https URL/,
      ],
      [
        ["--to", "s3", "--bucket", "b", "--s3-endpoint", "s3.local"],
        /--s3-endpoint must be an http or https URL/,
      ],
      [["--to", "dir", "--out", "x", "--dirty", "1.5"], /--dirty must be a fraction from 0 to 1/],
      [["--to", "dir", "--out", "x", "--dirty", "lots"], /--dirty must be a fraction from 0 to 1/],
      [["--to", "dir", "--out", "x", "--dirty", ""], /--dirty must be a fraction from 0 to 1/],
      [["--to", "dir", "--out", "x", "--rows", "data/", "--dirty", "0.1"], /--dirty is for --rows generated/],
      [["--to", "dir", "--out", "x", "--rows", "data/", "--dirty", "0"], /--dirty is for --rows generated/],
      [["--to", "dir", "--out", "x", "extra"], /unexpected argument "extra"/],
      [["--to", "dir", "--out", "x", "--colour"], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runEmulateCommand(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  it("documents every option in --help", async () => {
    const { code, stdout } = await runEmulateCommand("--help");
    expect(code).toBe(0);
    for (const option of [
      "--to <sink>",
      "--brokers <h:p,...>",
      "--url <url>",
      "--streams <p>,<g>,<u>",
      "--shards <n>",
      "--partition-key <k>",
      "--bucket <name>",
      "--prefix <key-prefix>",
      "--out <dir>",
      "--topic-prefix <p>",
      "--partitions <n>",
      "--records-per-object <n>",
      "--records-per-request <n>",
      "--retry-for <seconds>",
      "--seed <n>",
      "--count <n>",
      "--rows <src>",
      "--dirty <fraction>",
      "--sleep <mode>",
      "--rate <posts/s>",
      "--kinesis-endpoint <url>",
      "--s3-endpoint <url>",
    ]) {
      expect(stdout).toContain(`  ${option}`);
    }
    for (const sink of ["kinesis:", "kafka:", "s3:", "dir:", "rest-proxy:", "api-gateway:"])
      expect(stdout).toContain(sink);
    for (const line of stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it("fails with exit code 1 and one line when the rows file is missing", async () => {
    const { code, stderr } = await runEmulateCommand(
      "--to",
      "dir",
      "--out",
      join(dir, "x"),
      "--rows",
      join(dir, "none_"),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^pinpipe emulate: cannot read .*none_pinterest_data\.ndjson \(ENOENT\)\n$/);
  });
});
