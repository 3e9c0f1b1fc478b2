import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createKinesisClient, type GeneratedPost, generatePosts } from "@pinpipe/ingest";
import { startLocalKinesis } from "@pinpipe/local-aws";
import { LocalOutputSink } from "../src/output/index";
import { runStream } from "../src/stream/runStream";
import type { StreamNames } from "../src/stream/streamNames";
import { createStreams, putPosts, waitFor } from "../test/stream/kinesisFixture";
import { watchRecordLatencies } from "./watchRecordLatencies";

/**
 * `pnpm bench` for `pinpipe stream`, against a local Kinesis (kinesalite) and a local output folder:
 *
 * - throughput: PINPIPE_BENCH_STREAM_POSTS posts (default 10,000; 3 records each) are put first,
 *   then the job reads all three streams (2 shards each) from TRIM_HORIZON to Parquet, batches of
 *   1,000 records; records/s = records / time until every record is written and checkpointed
 *   (the job is stopped gracefully once all are read, which writes the last, partial batches);
 * - latency: posts are put at PINPIPE_BENCH_STREAM_RATE posts/s (default 200) for 5 s while the
 *   job runs with --poll-ms 200 --batch-seconds 0.5; a record's latency runs from the start of its
 *   PutRecords call to the moment its Parquet file is seen in the output folder (listed every 20 ms).
 *
 * Each is run PINPIPE_BENCH_ROUNDS times (default 3); the medians are printed. Everything (server,
 * producer, job, watcher) shares this machine's cores, so the figures are for this machine at its
 * current load (printed).
 */
const rounds = Number(process.env.PINPIPE_BENCH_ROUNDS ?? 3);
const posts = Number(process.env.PINPIPE_BENCH_STREAM_POSTS ?? 10_000);
const rate = Number(process.env.PINPIPE_BENCH_STREAM_RATE ?? 200);
const log = (line: string) => process.stdout.write(`${line}\n`);
if (![rounds, posts, rate].every((n) => Number.isSafeInteger(n) && n > 0)) {
  throw new Error(
    "PINPIPE_BENCH_ROUNDS, PINPIPE_BENCH_STREAM_POSTS and PINPIPE_BENCH_STREAM_RATE must be positive integers",
  );
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const kinesis = await startLocalKinesis();
const client = createKinesisClient({ endpoint: kinesis.endpoint });
const scratch = mkdtempSync(join(tmpdir(), "pinpipe-stream-bench-"));

async function throughputRound(streams: StreamNames, round: number): Promise<number> {
  const sink = new LocalOutputSink(join(scratch, `throughput-${round}`));
  const stop = new AbortController();
  const started = performance.now();
  const job = runStream({
    client,
    sink,
    streams,
    from: "trim-horizon",
    batchRecords: 1_000,
    batchMs: 60_000,
    pollIntervalMs: 200,
    signal: stop.signal,
  });
  // Once every record is read, a graceful stop writes and checkpoints the open batches.
  await waitFor(() => job.stats().every((s) => s.received >= posts), 600_000, "every record");
  stop.abort();
  const stats = await job.done;
  const seconds = (performance.now() - started) / 1000;
  if (!stats.every((s) => s.run.in === posts)) throw new Error("not every record was written");
  return (posts * 3) / seconds;
}

async function latencyRound(round: number): Promise<number[]> {
  const streams = await createStreams(client, `latency-${round}`, 2);
  const root = join(scratch, `latency-${round}`);
  const sink = new LocalOutputSink(root);
  const stop = new AbortController();
  const job = runStream({
    client,
    sink,
    streams,
    from: "trim-horizon",
    batchRecords: 1_000,
    batchMs: 500,
    pollIntervalMs: 200,
    signal: stop.signal,
  });
  const putAt = new Map<string, number>();
  const watch = watchRecordLatencies(sink, putAt);
  const batch: GeneratedPost[] = [...generatePosts({ seed: round, count: rate * 5 })];
  const perTick = Math.ceil(rate / 10);
  const puts: Promise<void>[] = [];
  const started = performance.now();
  // One put to every stream each 100 ms, so records are sent at the asked rate.
  for (let tick = 0; tick * perTick < batch.length; tick++) {
    const wait = started + tick * 100 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const slice = batch.slice(tick * perTick, (tick + 1) * perTick);
    const now = performance.now();
    for (const post of slice)
      for (const table of ["pin", "geo", "user"]) putAt.set(`${table}:${post.geo.ind}`, now);
    puts.push(putPosts(client, streams, slice));
  }
  await Promise.all(puts);
  await waitFor(() => watch.latencies.length >= batch.length * 3, 120_000, "every record to be visible");
  await watch.stop();
  stop.abort();
  await job.done;
  return watch.latencies;
}

try {
  log(
    `pinpipe stream bench: kinesalite on 127.0.0.1, 2 shards per stream, ${rounds} rounds, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`,
  );
  const streams = await createStreams(client, "throughput", 2);
  const loadStarted = performance.now();
  const all = [...generatePosts({ seed: 1, count: posts })];
  for (let i = 0; i < all.length; i += 1_000) await putPosts(client, streams, all.slice(i, i + 1_000));
  const putSeconds = (performance.now() - loadStarted) / 1000;
  log(
    `loaded ${posts * 3} records in ${putSeconds.toFixed(1)} s (${((posts * 3) / putSeconds).toFixed(0)} records/s PutRecords)`,
  );
  const throughputs: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    throughputs.push(await throughputRound(streams, round));
    log(
      `throughput round ${round}: ${throughputs.at(-1)!.toFixed(0)} records/s Kinesis → clean → Parquet + checkpoint`,
    );
  }
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const latencies = await latencyRound(round);
    p50s.push(percentile(latencies, 50));
    p99s.push(percentile(latencies, 99));
    log(
      `latency round ${round}: ${latencies.length} records at ${rate} posts/s, p50 ${p50s.at(-1)!.toFixed(0)} ms, p99 ${p99s.at(-1)!.toFixed(0)} ms (poll 200 ms, batch cut at 0.5 s)`,
    );
  }
  log(`median throughput: ${median(throughputs).toFixed(0)} records/s`);
  log(
    `median latency put → visible Parquet: p50 ${median(p50s).toFixed(0)} ms, p99 ${median(p99s).toFixed(0)} ms`,
  );
} finally {
  client.destroy();
  await kinesis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
