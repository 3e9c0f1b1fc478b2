import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createKafkaRecordProducer,
  createKinesisClient,
  ensureKafkaTopics,
  type GeneratedPost,
  generatePosts,
  type KafkaRecordProducer,
} from "@pinpipe/ingest";
import { startLocalKafka, startLocalKinesis } from "@pinpipe/local-aws";
import { LocalOutputSink } from "../src/output/index";
import { createStreams, putPosts } from "../test/stream/kinesisFixture";
import { watchRecordLatencies } from "./watchRecordLatencies";

/**
 * `pnpm bench` for `pinpipe stream --source kafka`, against a real local broker (the `kafka` peer)
 * and a local output folder, with the Kinesis path (kinesalite) on the same records as the
 * reference:
 *
 * - throughput: PINPIPE_BENCH_KAFKA_POSTS posts (default 10,000; 3 records each) are produced to
 *   topics of 6 partitions first; then 1, 2 and 3 member processes of a new consumer group read
 *   them to Parquet (batches of 1,000 records). records/s = records / time from starting the
 *   processes until the output's checkpoints cover every record (process start and the group's
 *   rebalances included, as a deployment pays them). The same posts are put to Kinesis (2 shards
 *   per stream) and read by one `pinpipe stream` process the same way: per-worker throughput of
 *   each Kafka run over the Kinesis process's is printed;
 * - latency: with the members running, posts are produced at PINPIPE_BENCH_KAFKA_RATE posts/s
 *   (default 200) for 5 s; a record's latency runs from its produce call to the moment its Parquet
 *   file is seen in the output (listed every 20 ms), batches cut at 0.5 s;
 * - peak RSS of each member process (VmHWM).
 *
 * Broker, producer, members and watcher share this machine's cores: the figures are for this machine
 * at its current load (printed). Without the `kafka` peer it says so and stops.
 */
const posts = Number(process.env.PINPIPE_BENCH_KAFKA_POSTS ?? 10_000);
const rate = Number(process.env.PINPIPE_BENCH_KAFKA_RATE ?? 200);
const log = (line: string) => process.stdout.write(`${line}\n`);
if (![posts, rate].every((n) => Number.isSafeInteger(n) && n > 0)) {
  throw new Error("PINPIPE_BENCH_KAFKA_POSTS and PINPIPE_BENCH_KAFKA_RATE must be positive integers");
}
const PARTITIONS = 6;
const TABLES = ["pin", "geo", "user"] as const;
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A `pinpipe` process on the sources, its peak RSS polled from /proc. */
interface Member {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  peakRss: () => number;
  stderr: () => string;
}

function startMember(args: readonly string[]): Member {
  const child = spawn(
    process.execPath,
    ["--conditions=@pinpipe/source", "--import", "tsx", "apps/runner/src/cli.ts", ...args],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] },
  );
  let peak = 0;
  let err = "";
  child.stderr?.on("data", (chunk) => {
    err = (err + String(chunk)).slice(-4_000);
  });
  const poll = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
      if (kb !== undefined) peak = Math.max(peak, Number(kb) * 1024);
    } catch {
      // Gone already, or no /proc: the peak stays what it was.
    }
  }, 100);
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => {
      clearInterval(poll);
      resolve(code);
    }),
  );
  return { child, exited, peakRss: () => peak, stderr: () => err };
}

/** Records in the output, from the checkpoints' totals (Kafka: one per partition; Kinesis: one per stream). */
function recordsWritten(out: string): number {
  const root = join(out, "stream/checkpoints");
  let total = 0;
  const add = (path: string) => {
    try {
      total += (JSON.parse(readFileSync(path, "utf8")) as { totals: { in: number } }).totals.in;
    } catch {
      // Missing or being replaced: counted on the next poll.
    }
  };
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.endsWith(".json")) add(join(root, entry));
  }
  try {
    for (const topic of readdirSync(join(root, "kafka"))) {
      for (const file of readdirSync(join(root, "kafka", topic))) add(join(root, "kafka", topic, file));
    }
  } catch {
    // No Kafka checkpoints (a Kinesis run).
  }
  return total;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopMembers(members: readonly Member[]): Promise<void> {
  for (const member of members) member.child.kill("SIGTERM");
  for (const member of members) {
    const code = await member.exited;
    if (code !== 0) throw new Error(`a member exited with ${code}: ${member.stderr()}`);
  }
}

/** Starts `processes` and times them until the output holds `records` records. */
async function throughput(
  out: string,
  records: number,
  processes: readonly (readonly string[])[],
): Promise<{ recordsPerSecond: number; seconds: number; peakRss: number }> {
  const started = performance.now();
  const members = processes.map(startMember);
  await until(
    () => {
      for (const member of members) {
        if (member.child.exitCode !== null) throw new Error(`a member exited: ${member.stderr()}`);
      }
      return recordsWritten(out) >= records;
    },
    1_800_000,
    "every record",
  );
  const seconds = (performance.now() - started) / 1000;
  await stopMembers(members);
  return {
    recordsPerSecond: records / seconds,
    seconds,
    peakRss: Math.max(...members.map((member) => member.peakRss())),
  };
}

function kafkaMemberArgs(brokers: string, prefix: string, group: string, out: string): string[] {
  return [
    "stream",
    "--source",
    "kafka",
    "--brokers",
    brokers,
    "--topic-prefix",
    prefix,
    "--group",
    group,
    // As the Kinesis reference run, and the latency watcher reads stream/tables/ Parquet files.
    "--format",
    "parquet",
    "--out",
    out,
    "--batch-records",
    "1000",
    "--batch-seconds",
    "0.5",
    "--session-timeout",
    "6",
  ];
}

async function produce(
  producer: KafkaRecordProducer,
  prefix: string,
  batch: readonly GeneratedPost[],
  first: number,
) {
  await producer.send(
    batch.flatMap((post, i) =>
      TABLES.map((table) => ({
        topic: `${prefix}.${table}`,
        value: JSON.stringify(post[table]),
        partition: (first + i) % PARTITIONS,
      })),
    ),
  );
}

/** Latency with `workers` members on fresh topics: produce at `rate` posts/s for 5 s. */
async function latency(
  brokers: string,
  producer: KafkaRecordProducer,
  workers: number,
  scratch: string,
): Promise<number[]> {
  const prefix = `latency${workers}`;
  await ensureKafkaTopics({
    brokers: [brokers],
    topics: TABLES.map((t) => `${prefix}.${t}`),
    partitions: PARTITIONS,
  });
  const out = join(scratch, prefix);
  const sink = new LocalOutputSink(out);
  const members = Array.from({ length: workers }, () =>
    startMember(kafkaMemberArgs(brokers, prefix, prefix, out)),
  );
  const all = [...generatePosts({ seed: 7 + workers, count: rate * 5 + 1 })];
  // One post first: once it is written, the group has formed and the members read.
  await produce(producer, prefix, all.slice(0, 1), 0);
  await until(() => recordsWritten(out) >= 3, 300_000, "the group to form");
  const batch = all.slice(1);
  const producedAt = new Map<string, number>();
  const watch = watchRecordLatencies(sink, producedAt);
  const perTick = Math.ceil(rate / 10);
  // One send at a time: an idempotent producer's requests to a partition must not overtake each
  // other (the broker refuses an out-of-order sequence); a record's latency includes its wait here.
  let sends: Promise<void> = Promise.resolve();
  const started = performance.now();
  for (let tick = 0; tick * perTick < batch.length; tick++) {
    const wait = started + tick * 100 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const slice = batch.slice(tick * perTick, (tick + 1) * perTick);
    const now = performance.now();
    for (const post of slice) for (const table of TABLES) producedAt.set(`${table}:${post.geo.ind}`, now);
    const first = 1 + tick * perTick;
    sends = sends.then(() => produce(producer, prefix, slice, first));
  }
  await sends;
  await until(() => watch.latencies.length >= producedAt.size, 300_000, "every record to be visible");
  await watch.stop();
  await stopMembers(members);
  return watch.latencies;
}

/** The `kafka` peer's class path, from its ready.json (the test-peers package is for vitest only). */
const classpath = ((): string | undefined => {
  try {
    return (
      JSON.parse(readFileSync(join(repoRoot, ".peers/kafka/ready.json"), "utf8")) as { classpath?: string }
    ).classpath;
  } catch {
    return undefined;
  }
})();
if (classpath === undefined) {
  log("kafka stream bench: skipped, the kafka peer is not installed (node scripts/peers.mjs install kafka)");
} else {
  const scratch = mkdtempSync(join(tmpdir(), "pinpipe-kafka-bench-"));
  const broker = await startLocalKafka({ classpath });
  const kinesis = await startLocalKinesis();
  const kinesisClient = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
  const producer = createKafkaRecordProducer({ brokers: [broker.brokers] });
  try {
    log(
      `pinpipe kafka stream bench: one local broker (KRaft) on 127.0.0.1, topics of ${PARTITIONS} partitions, ${posts} posts (${posts * 3} records), ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`,
    );
    const records = posts * 3;
    const all = [...generatePosts({ seed: 1, count: posts })];
    await ensureKafkaTopics({
      brokers: [broker.brokers],
      topics: TABLES.map((t) => `bench.${t}`),
      partitions: PARTITIONS,
    });
    let loadStarted = performance.now();
    for (let i = 0; i < all.length; i += 1_000) await produce(producer, "bench", all.slice(i, i + 1_000), i);
    log(`produced ${records} records to Kafka in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    const streams = await createStreams(kinesisClient, "bench", 2);
    loadStarted = performance.now();
    for (let i = 0; i < all.length; i += 1_000)
      await putPosts(kinesisClient, streams, all.slice(i, i + 1_000));
    log(`put ${records} records to Kinesis in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

    const kinesisOut = join(scratch, "kinesis");
    const reference = await throughput(kinesisOut, records, [
      [
        "stream",
        "--format",
        "parquet",
        "--out",
        kinesisOut,
        "--streams",
        `${streams.pin},${streams.geo},${streams.user}`,
        "--kinesis-endpoint",
        kinesis.endpoint,
        "--batch-records",
        "1000",
        "--batch-seconds",
        "0.5",
        "--poll-ms",
        "200",
      ],
    ]);
    log(
      `kinesis, 1 process (2 shards per stream): ${reference.recordsPerSecond.toFixed(0)} records/s (${reference.seconds.toFixed(1)} s from start to every record written), peak RSS ${mb(reference.peakRss)} MB`,
    );
    for (const workers of [1, 2, 3]) {
      const out = join(scratch, `kafka-${workers}`);
      const run = await throughput(
        out,
        records,
        Array.from({ length: workers }, () =>
          kafkaMemberArgs(broker.brokers, "bench", `bench-${workers}`, out),
        ),
      );
      const perWorker = run.recordsPerSecond / workers;
      log(
        `kafka, ${workers} member${workers > 1 ? "s" : ""}: ${run.recordsPerSecond.toFixed(0)} records/s (${run.seconds.toFixed(1)} s from start to every record written), ${perWorker.toFixed(0)} per member = ${(perWorker / reference.recordsPerSecond).toFixed(2)}x the Kinesis process; peak RSS ${mb(run.peakRss)} MB per member`,
      );
    }
    for (const workers of [1, 2, 3]) {
      const latencies = await latency(broker.brokers, producer, workers, scratch);
      log(
        `kafka latency, ${workers} member${workers > 1 ? "s" : ""}: ${latencies.length} records at ${rate} posts/s, produce → visible Parquet p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (batches cut at 0.5 s)`,
      );
    }
  } finally {
    await producer.close();
    kinesisClient.destroy();
    await kinesis.stop();
    await broker.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
