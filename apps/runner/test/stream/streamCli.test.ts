import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createKinesisClient, generatePosts } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalOutputSink } from "../../src/output/index";
import type { StreamCheckpoint } from "../../src/stream/streamCheckpoint";
import type { StreamNames } from "../../src/stream/streamNames";
import { isCovered } from "../../src/stream/streamPosition";
import { createStreams, putPosts, streamCommandArgs, waitFor } from "./kinesisFixture";
import { readStreamOutput } from "./readStreamOutput";
import { type CliChild, startCli } from "./runCli";

let kinesis: LocalServer;
let client: KinesisClient;
const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-cli-"));
const children: CliChild[] = [];

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
});
afterAll(async () => {
  for (const child of children) child.process.kill("SIGKILL");
  client?.destroy();
  await kinesis?.stop();
  rmSync(root, { recursive: true, force: true });
});

function stream(out: string, streams: StreamNames, ...more: string[]): CliChild {
  const child = startCli([...streamCommandArgs(out, streams, kinesis.endpoint), ...more]);
  children.push(child);
  return child;
}

async function checkpointOf(sink: LocalOutputSink, name: string): Promise<StreamCheckpoint | undefined> {
  const body = await sink.get(`stream/checkpoints/${name}.json`);
  return body === undefined ? undefined : JSON.parse(new TextDecoder().decode(body));
}

const inds = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("pinpipe stream as a process", () => {
  it("after kill -9 mid-stream, a restart writes every record exactly once", async () => {
    const posts = [...generatePosts({ seed: 21, count: 360 })];
    const streams = await createStreams(client, "k9", 2);
    const out = join(root, "k9");
    const sink = new LocalOutputSink(out);
    await putPosts(client, streams, posts.slice(0, 120));
    const first = stream(out, streams, "--batch-records", "15");
    // Keep producing while the job runs, so it is killed in the middle of the stream.
    let next = 120;
    const producing = (async () => {
      while (next < 300) {
        await putPosts(client, streams, posts.slice(next, next + 30));
        next += 30;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await waitFor(
      async () => ((await checkpointOf(sink, streams.pin))?.totals?.batches ?? 0) >= 3,
      60_000,
      "three checkpointed pin batches",
    );
    first.process.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    await producing;
    await putPosts(client, streams, posts.slice(300));

    const second = stream(out, streams, "--batch-records", "15", "--until-idle", "1.5");
    const { code } = await second.exited;
    // Only progress lines (one every 5 s, so a slow machine may print some), no error.
    const errors = second
      .stderr()
      .split("\n")
      .filter((line) => line !== "" && !/^pinpipe stream: pin \d+ \(/.test(line));
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(second.stdout()).toMatch(/pin +k9-pin: \d+ records .*; all runs 360 records/);

    const output = await readStreamOutput(sink);
    for (const table of ["pin", "geo", "user"]) {
      const rows = output.tables[table]!;
      // No (table, ind) twice, so no (table, ind, shard, sequence number) twice either.
      expect(
        rows.map((r) => Number(r.row.ind)).sort((a, b) => a - b),
        table,
      ).toEqual(inds(360));
    }
    expect(output.other).toEqual([]);
  }, 120_000);

  it("on SIGTERM writes the open batches and their checkpoint, then exits 0", async () => {
    const posts = [...generatePosts({ seed: 22, count: 150 })];
    const streams = await createStreams(client, "term", 2);
    const out = join(root, "term");
    const sink = new LocalOutputSink(out);
    await putPosts(client, streams, posts);
    const child = stream(out, streams, "--batch-records", "40", "--batch-seconds", "600");
    // Every shard has written a batch: all records are read (one GetRecords returns them all),
    // the rest of each shard waits in its open batch.
    await waitFor(
      async () => {
        for (const name of Object.values(streams)) {
          const shards = (await checkpointOf(sink, name))?.kinesis?.shards ?? {};
          if (Object.keys(shards).length < 2) return false;
        }
        return true;
      },
      60_000,
      "a batch from every shard",
    );
    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });

    // Whatever was read before the signal is written and checkpointed (a busy machine may not have
    // read every record yet: a graceful stop does not drain the stream).
    const output = await readStreamOutput(sink);
    for (const [table, name] of Object.entries(streams)) {
      const rows = output.tables[table]!;
      const checkpoint = output.checkpoints[name]!;
      expect(rows.length).toBeGreaterThan(0);
      expect(checkpoint.format).toBe("pinpipe-stream-checkpoint/2");
      expect(checkpoint.totals).toMatchObject({
        in: rows.length,
        clean: rows.length,
        rejected: 0,
        duplicates: 0,
      });
      // Every object written is covered by the checkpoint: nothing is left to redo.
      for (const { object } of rows) {
        expect(isCovered(object.last, checkpoint.kinesis.shards[object.shardId])).toBe(true);
      }
    }

    // A restart reads the rest: every record exactly once.
    const rest = stream(out, streams, "--batch-records", "40", "--until-idle", "1.5");
    expect(await rest.exited).toEqual({ code: 0, signal: null });
    const final = await readStreamOutput(sink);
    for (const table of Object.keys(streams)) {
      expect(final.tables[table]!.map((r) => Number(r.row.ind)).sort((a, b) => a - b)).toEqual(inds(150));
    }
  }, 120_000);
});
