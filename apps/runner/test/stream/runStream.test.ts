import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import { cleanPin } from "@pinpipe/clean";
import { createKinesisClient, createS3Client, type GeneratedPost, generatePosts } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { LocalOutputSink, type OutputSink, S3OutputSink } from "../../src/output/index";
import { runStream } from "../../src/stream/runStream";
import { UNKNOWN_KEY } from "../../src/stream/streamAggregates";
import type { StreamNames } from "../../src/stream/streamNames";
import { comparePositions } from "../../src/stream/streamPosition";
import { memoryContext } from "./commandContext";
import { createStreams, putPosts, splitFirstShard, streamCommandArgs, waitFor } from "./kinesisFixture";
import { type OutputRow, readStreamOutput, type StreamOutput } from "./readStreamOutput";

let kinesis: LocalServer;
let s3: LocalServer;
let client: KinesisClient;
let s3Client: S3Client;
const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-"));

beforeAll(async () => {
  [kinesis, s3] = await Promise.all([startLocalKinesis(), startLocalS3({ buckets: ["lake"] })]);
  client = createKinesisClient({ endpoint: kinesis.endpoint });
  s3Client = createS3Client({ endpoint: s3.endpoint });
});
afterAll(async () => {
  client?.destroy();
  s3Client?.destroy();
  await Promise.all([kinesis?.stop(), s3?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

const posts = [...generatePosts({ seed: 11, count: 240 })];
const badGeo = [{ ind: "x1", country: "Chad" }, { country: "Peru" }];
/** Each bad geo record as sent (putKinesisRecords sends JSON.stringify), and the reason it is rejected for. */
const badGeoRejected = [
  { reason: "invalid_key", raw: '{"ind":"x1","country":"Chad"}', rawEncoding: "text" },
  { reason: "missing_key", raw: '{"country":"Peru"}', rawEncoding: "text" },
];

/**
 * Runs the job (batches of 25 records) until every stream has read `expected` records in all runs
 * together, then stops it gracefully; `during` runs while it reads.
 */
async function runUntilRead(
  sink: OutputSink,
  streams: StreamNames,
  expected: { pin: number; geo: number; user: number },
  during?: (job: ReturnType<typeof runStream>) => Promise<void>,
) {
  const stop = new AbortController();
  const job = runStream({
    client,
    sink,
    streams,
    from: "trim-horizon",
    batchRecords: 25,
    batchMs: 60_000,
    pollIntervalMs: 50,
    signal: stop.signal,
  });
  // A job that fails ends the wait at once.
  let ended = false;
  job.done.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  try {
    await during?.(job);
    await waitFor(
      () => ended || job.stats().every((s) => s.total.in + s.buffered >= expected[s.table]),
      45_000,
      "every record to be read",
    );
  } finally {
    stop.abort();
  }
  return job.done;
}

/** The batches of one shard (a Parquet file and a rejected file each) cover disjoint sequence ranges. */
function expectDisjointRanges(rows: readonly OutputRow[]): void {
  const byShard = new Map<string, Map<string, OutputRow["object"]>>();
  for (const { object, path } of rows) {
    const objects = byShard.get(object.shardId) ?? new Map();
    objects.set(path.slice(path.lastIndexOf("/") + 1, path.lastIndexOf(".")), object);
    byShard.set(object.shardId, objects);
  }
  for (const objects of byShard.values()) {
    const list = [...objects.values()].sort((a, b) => comparePositions(a.first, b.first));
    for (let i = 1; i < list.length; i++) {
      expect(comparePositions(list[i - 1]!.last, list[i]!.first)).toBeLessThan(0);
    }
  }
}

/** Each post's records appear exactly once; the bad geo records are rejected, once each. */
function expectExactlyOnce(output: StreamOutput, sent: readonly GeneratedPost[]): void {
  const inds = sent.map((post) => post.geo.ind).sort((a, b) => a - b);
  for (const table of ["pin", "geo", "user"]) {
    const rows = output.tables[table] ?? [];
    expect(
      rows.map((r) => Number(r.row.ind)).sort((a, b) => a - b),
      table,
    ).toEqual(inds);
    expectDisjointRanges([...rows, ...(output.rejected[table] ?? [])]);
  }
  const rejected = (output.rejected.geo ?? []).map(({ row }) => ({
    reason: row.reason,
    raw: row.raw,
    rawEncoding: row.rawEncoding,
  }));
  expect(rejected).toEqual(expect.arrayContaining(badGeoRejected));
  expect(rejected).toHaveLength(badGeoRejected.length);
  expect(output.rejected.pin).toBeUndefined();
  expect(output.other).toEqual([]);
}

describe("pinpipe stream against a local Kinesis", () => {
  it("writes every record exactly once across two shards per stream and a shard split mid-stream", async () => {
    const streams = await createStreams(client, "split", 2);
    const sink = new LocalOutputSink(join(root, "split"));
    await putPosts(client, streams, posts.slice(0, 120), { geo: badGeo });
    const stats = await runUntilRead(sink, streams, { pin: 240, geo: 242, user: 240 }, async (job) => {
      await waitFor(() => job.stats().every((s) => s.run.batches >= 2), 45_000, "the first batches");
      for (const stream of Object.values(streams)) await splitFirstShard(client, stream);
      await putPosts(client, streams, posts.slice(120));
    });
    expect(stats.map((s) => [s.table, s.run.in, s.run.clean, s.run.rejected, s.run.duplicates])).toEqual([
      ["pin", 240, 240, 0, 0],
      ["geo", 242, 240, 2, 0],
      ["user", 240, 240, 0, 0],
    ]);
    expect(stats[1]!.run.byReason).toEqual({
      invalid_json: 0,
      too_long: 0,
      not_an_object: 0,
      missing_key: 1,
      invalid_key: 1,
    });
    // One run: its totals are those of all runs.
    for (const s of stats) expect(s.total).toEqual(s.run);

    const output = await readStreamOutput(sink);
    expectExactlyOnce(output, posts);
    // Records after the split went to the children of the split shard.
    const shards = new Set(output.tables.pin!.map((r) => r.object.shardId));
    expect(shards).toEqual(
      new Set([
        "shardId-000000000000",
        "shardId-000000000001",
        "shardId-000000000002",
        "shardId-000000000003",
      ]),
    );
    const checkpoint = output.checkpoints[streams.pin]!;
    expect(checkpoint.kinesis.shards["shardId-000000000000"]).toMatchObject({ finished: true });

    // Per-shard window counts add up to the posts per category.
    const latest = new Map<string, { revision: number; posts: number; key: string }>();
    for (const { object, row } of output.aggregates.pins_per_category_per_minute ?? []) {
      const id = `${object.shardId}|${row.key}|${row.windowStart}`;
      const seen = latest.get(id);
      if (seen === undefined || (row.revision as number) > seen.revision) {
        latest.set(id, {
          revision: row.revision as number,
          posts: row.posts as number,
          key: row.key as string,
        });
      }
    }
    const counted: Record<string, number> = {};
    for (const { key, posts: n } of latest.values()) counted[key] = (counted[key] ?? 0) + n;
    const expected: Record<string, number> = {};
    for (const post of posts) {
      const result = cleanPin(post.pin);
      const key = (result.ok && result.value.category) || UNKNOWN_KEY;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    expect(counted).toEqual(expected);
  }, 90_000);

  it.each(["local", "s3"] as const)(
    "rewrites from the checkpoint after a run died between writing a batch and its checkpoint (%s output)",
    async (kind) => {
      const streams = await createStreams(client, `crash-${kind}`, 2);
      const local: OutputSink =
        kind === "local"
          ? new LocalOutputSink(join(root, "crash"))
          : new S3OutputSink(s3Client, "lake", "pinpipe/out");
      await putPosts(client, streams, posts, { geo: badGeo });
      let checkpoints = 0;
      const failing: OutputSink = {
        location: local.location,
        get: (path) => local.get(path),
        exists: (path) => local.exists(path),
        list: (prefix) => local.list(prefix),
        remove: (path) => local.remove(path),
        async put(path, body) {
          if (path === `stream/checkpoints/${streams.pin}.json` && ++checkpoints > 3)
            throw new Error("disk full");
          await local.put(path, body);
        },
      };
      await expect(runUntilRead(failing, streams, { pin: 240, geo: 242, user: 240 })).rejects.toThrow(
        "disk full",
      );
      const before = await readStreamOutput(local);
      expect(before.tables.pin!.length).toBeGreaterThan(0);

      const stats = await runUntilRead(local, streams, { pin: 240, geo: 242, user: 240 });
      expect(stats[0]!.removedOnStart).toBeGreaterThan(0);
      expectExactlyOnce(await readStreamOutput(local), posts);
      expect(stats.map((s) => s.total.in)).toEqual([240, 242, 240]);
      expect(stats.map((s) => [s.total.clean, s.total.rejected])).toEqual([
        [240, 0],
        [240, 2],
        [240, 0],
      ]);
    },
    90_000,
  );

  it("fails with one line and exit code 1 when a stream does not exist", async () => {
    const io = memoryContext();
    const args = ["stream", "--out", join(root, "missing"), "--streams", "no-pin,no-geo,no-user"];
    const code = await main(
      [...args, "--kinesis-endpoint", kinesis.endpoint, "--until-idle", "1"],
      commands,
      io.context,
    );
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(/^pinpipe stream: .*no-(pin|geo|user).*\n$/);
  });

  it("with --max-record-bytes rejects longer records with their length as the reason; the counts reconcile", async () => {
    const streams = await createStreams(client, "limits", 1);
    const long = { ind: 9001, country: "x".repeat(1100), latitude: 1, longitude: 2 };
    const longBytes = new TextEncoder().encode(JSON.stringify(long)).length;
    await putPosts(client, streams, posts.slice(0, 10), { geo: [long] });
    const io = memoryContext();
    const out = join(root, "limits");
    const code = await main(
      [
        ...streamCommandArgs(out, streams, kinesis.endpoint),
        "--until-idle",
        "1",
        "--max-record-bytes",
        "1KiB",
      ],
      commands,
      io.context,
    );
    expect(code, io.stderr()).toBe(0);
    expect(io.stdout()).toContain(
      `geo  ${streams.geo}: 11 records (10 clean, 1 rejected: too_long 1) in 1 batches; all runs 11 records\n`,
    );
    expect(io.stdout()).toContain(`pin  ${streams.pin}: 10 records (10 clean, 0 rejected)`);
    const output = await readStreamOutput(new LocalOutputSink(out));
    expect(output.tables.geo).toHaveLength(10);
    expect(output.rejected.geo!.map((r) => r.row)).toEqual([
      {
        position: expect.objectContaining({ stream: streams.geo, partitionKey: "9001" }),
        reason: "too_long",
        raw: null,
        rawEncoding: null,
        issues: [
          {
            field: "$",
            value: `record longer than the record limit (1KiB): ${longBytes} bytes`,
            rule: "too_long",
          },
        ],
      },
    ]);
    expect(output.checkpoints[streams.geo]!.totals).toEqual({
      in: 11,
      clean: 10,
      rejected: 1,
      duplicates: 0,
      byReason: { invalid_json: 0, too_long: 1, not_an_object: 0, missing_key: 0, invalid_key: 0 },
      byRule: { too_long: 1 },
      byField: { $: 1 },
      late: 0,
      batches: 1,
    });
  }, 60_000);

  it("rejects records sent as bytes that are no JSON record for the precise reason, keeping their exact bytes; --clean-config reaches the stream", async () => {
    const streams = await createStreams(client, "bytes", 1);
    const utf8 = new TextEncoder();
    const sent: [string, Uint8Array][] = [
      ["not-json", utf8.encode('{"ind": 1, "country": ')],
      ["not-utf8", Uint8Array.of(0xff, 0xfe, 0x7b, 0x7d)],
      ["blank", utf8.encode(" \n ")],
      ["array", utf8.encode("[1,2]")],
      ["inexact", utf8.encode('{"ind": 1e-400, "country": "Chad"}')],
      [
        "placeholder",
        utf8.encode(
          '{"ind": 77,\n "timestamp": "2020-01-02 03:04:05", "latitude": 1, "longitude": 2, "country": "Atlantis"}',
        ),
      ],
    ];
    await client.send(
      new PutRecordsCommand({
        StreamName: streams.geo,
        Records: sent.map(([key, data]) => ({ PartitionKey: key, Data: data })),
      }),
    );
    await putPosts(client, streams, posts.slice(0, 3));
    const out = join(root, "bytes");
    const config = join(root, "bytes-clean.json");
    writeFileSync(config, JSON.stringify({ placeholders: { country: ["Atlantis"] } }));
    const io = memoryContext();
    const code = await main(
      [...streamCommandArgs(out, streams, kinesis.endpoint), "--until-idle", "1", "--clean-config", config],
      commands,
      io.context,
    );
    expect(code, io.stderr()).toBe(0);
    expect(io.stdout()).toContain(
      `geo  ${streams.geo}: 9 records (4 clean, 5 rejected: invalid_json 3, not_an_object 1, invalid_key 1) in 1 batches; all runs 9 records\n`,
    );
    const output = await readStreamOutput(new LocalOutputSink(out));
    expect(
      output.rejected.geo!.map(({ row }) => [
        (row.position as { partitionKey: string }).partitionKey,
        row.reason,
        row.raw,
        row.rawEncoding,
      ]),
    ).toEqual([
      ["not-json", "invalid_json", '{"ind": 1, "country": ', "text"],
      ["not-utf8", "invalid_json", "//57fQ==", "base64"],
      ["blank", "invalid_json", " \n ", "text"],
      ["array", "not_an_object", "[1,2]", "text"],
      ["inexact", "invalid_key", '{"ind": 1e-400, "country": "Chad"}', "text"],
    ]);
    for (const { row } of output.rejected.geo!) {
      expect(row.position).toEqual({
        stream: streams.geo,
        shardId: "shardId-000000000000",
        sequenceNumber: expect.stringMatching(/^\d+$/),
        partitionKey: expect.any(String),
        arrivalTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
    // The record with newlines inside is one clean record; the configured placeholder is null.
    const geo = output.tables.geo!.map(({ row }) => row);
    expect(geo.map((row) => Number(row.ind))).toEqual([77, ...posts.slice(0, 3).map((post) => post.geo.ind)]);
    expect(geo[0]).toMatchObject({ country: null, coordinates: [1, 2] });
    const totals = output.checkpoints[streams.geo]!.totals;
    expect(totals).toMatchObject({
      in: 9,
      clean: 4,
      rejected: 5,
      duplicates: 0,
      byReason: { invalid_json: 3, too_long: 0, not_an_object: 1, missing_key: 0, invalid_key: 1 },
    });
    expect(totals.byRule).toMatchObject({
      invalid_json: 3,
      not_an_object: 1,
      invalid_key: 1,
      placeholder: 1,
    });
    expect(totals.byField).toMatchObject({ $: 4, ind: 1, country: 1 });
  }, 60_000);

  it("with --from latest reads only records put after its first start, and keeps that start across restarts", async () => {
    const streams = await createStreams(client, "latest", 2);
    const sink = new LocalOutputSink(join(root, "latest"));
    await putPosts(client, streams, posts.slice(0, 30));
    const stop = new AbortController();
    const options = {
      client,
      sink,
      streams,
      batchRecords: 10,
      batchMs: 60_000,
      pollIntervalMs: 50,
      scanForTimestamps: true,
    } as const;
    const job = runStream({ ...options, from: "latest", signal: stop.signal });
    const checkpointPath = `stream/checkpoints/${streams.pin}.json`;
    await waitFor(async () => await sink.exists(checkpointPath), 45_000, "the first checkpoint");
    const first = JSON.parse(new TextDecoder().decode(await sink.get(checkpointPath)));
    expect(first.start.type).toBe("AT_TIMESTAMP");
    await putPosts(client, streams, posts.slice(30, 60));
    await waitFor(() => job.stats().every((s) => s.received >= 30), 45_000, "the later records");
    stop.abort();
    await job.done;
    // A restart without --from latest still starts there: nothing before it is read.
    await putPosts(client, streams, posts.slice(60, 70));
    const again = new AbortController();
    const restarted = runStream({ ...options, from: "trim-horizon", signal: again.signal });
    await waitFor(
      () => restarted.stats().every((s) => s.received >= 10),
      45_000,
      "the records of the restart",
    );
    again.abort();
    await restarted.done;

    const output = await readStreamOutput(sink);
    const expected = posts.slice(30, 70).map((post) => post.geo.ind);
    for (const table of ["pin", "geo", "user"]) {
      expect(output.tables[table]!.map((r) => Number(r.row.ind)).sort((a, b) => a - b)).toEqual(expected);
    }
    expect(output.checkpoints[streams.pin]!.start).toEqual(first.start);
  }, 90_000);
});
