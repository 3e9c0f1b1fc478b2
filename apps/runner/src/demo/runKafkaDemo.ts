import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafkaTopics, kafkaTopicNames } from "@pinpipe/ingest";
import { createKafkaGatewayBackend, startGatewayServer } from "@pinpipe/ingest/gateway";
import { startLocalKafka } from "@pinpipe/local-aws";
import { CliError, type CommandContext, type CommandEntry } from "../command";
import { captureOutput } from "./captureOutput";
import type { DemoSummary } from "./runDemo";

/**
 * Settings of the Kafka demo: the output root, posts, seed, partitions per topic and the broker's
 * class path (the `kafka` peer's jars).
 *
 * @example
 * const options: KafkaDemoOptions = { out: "./pinpipe-out", posts: 3000, seed: 100, partitions: 4, classpath: "/repo/.peers/kafka/libs/*" };
 */
export interface KafkaDemoOptions {
  readonly out: string;
  readonly posts: number;
  readonly seed: number;
  readonly partitions: number;
  readonly classpath: string;
  /**
   * Send the posts as the original batch producer did, over HTTP to a `pinpipe gateway` (REST Proxy
   * v2) in front of the broker, instead of producing to Kafka directly.
   */
  readonly gateway?: boolean;
}

const RUN_ID = "demo-kafka";

/**
 * The folder of this module (inside the repository the CLI was built in), searched for the broker's
 * jars after the working directory.
 *
 * @example
 * kafkaClasspath(process.env, [process.cwd(), KAFKA_DEMO_SEARCH_ROOT]);
 */
export const KAFKA_DEMO_SEARCH_ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * Where the Kafka broker's jars are: `PINPIPE_KAFKA_CLASSPATH`, else `.peers/kafka/libs` (what
 * `node scripts/peers.mjs install kafka` fills) of the repository the command runs in, or of the one
 * this CLI was built in: the folders `roots` and their parents are searched, in order.
 *
 * @throws {CliError} (exit 1) saying how to install them when neither exists.
 * @example
 * kafkaClasspath(process.env, [process.cwd(), KAFKA_DEMO_SEARCH_ROOT]); // "/repo/.peers/kafka/libs/*"
 */
export function kafkaClasspath(env: NodeJS.ProcessEnv, roots: readonly string[]): string {
  const fromEnv = env.PINPIPE_KAFKA_CLASSPATH;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  for (const root of roots) {
    for (let dir = resolve(root); ; dir = resolve(dir, "..")) {
      const libs = join(dir, ".peers", "kafka", "libs");
      if (existsSync(libs)) return join(libs, "*");
      if (resolve(dir, "..") === dir) break;
    }
  }
  throw new CliError(
    "pinpipe demo --kafka: the Kafka broker's jars were not found; run `node scripts/peers.mjs install kafka` (needs Java 17+ and Maven) or set PINPIPE_KAFKA_CLASSPATH",
    1,
  );
}

/**
 * Emulates through a gateway in front of the broker: the topics are created first (the gateway, as a
 * REST proxy, never creates any), then `pinpipe emulate --to rest-proxy` posts 50 records a request
 * to `/demo/topics/pinpipe.<table>`; the gateway is drained afterwards.
 */
async function emulateThroughGateway(
  brokers: string,
  partitions: number,
  what: readonly string[],
  run: (name: string, args: readonly string[]) => Promise<string>,
  say: (line: string) => void,
): Promise<void> {
  await ensureKafkaTopics({
    brokers: [brokers],
    topics: Object.values(kafkaTopicNames("pinpipe")),
    partitions,
  });
  const kafka = createKafkaGatewayBackend({ brokers: [brokers] });
  let requests = 0;
  const gateway = await startGatewayServer({ stage: "demo", kafka, log: () => requests++ });
  try {
    say(`gateway ${gateway.url}: emulate --to rest-proxy posts through it`);
    await run("emulate", [
      "--to",
      "rest-proxy",
      "--url",
      gateway.url,
      "--records-per-request",
      "50",
      ...what,
    ]);
  } finally {
    await gateway.drain(5_000);
    await kafka.close();
  }
  say(`gateway drained after ${requests} requests`);
}

/**
 * The original batch path through Kafka on this machine: starts a real Kafka broker on a free
 * loopback port, emulates posts into the topics `pinpipe.pin/geo/user`, copies them to the Kafka
 * Connect S3 layout with `connect-s3` (into `<out>/kafka/raw`), runs the batch job on that and the
 * report, and runs the Kafka stream job with two members of one consumer group (into
 * `<out>/kafka/`); then stops the broker. Each step is the real `pinpipe` command. With
 * `options.gateway` the posts go over HTTP through a gateway (REST Proxy v2) to the broker.
 *
 * @example
 * const summary = await runKafkaDemo({ out: "./pinpipe-out", posts: 3000, seed: 100, partitions: 4, classpath }, commands, context);
 */
export async function runKafkaDemo(
  options: KafkaDemoOptions,
  commands: readonly CommandEntry[],
  context: CommandContext,
): Promise<DemoSummary> {
  const started = performance.now();
  const out = resolve(context.cwd, options.out);
  const say = (line: string): void => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
    context.stderr.write(`[${seconds}s] ${line}\n`);
  };
  const run = async (name: string, args: readonly string[]): Promise<string> => {
    const entry = commands.find((c) => c.name === name);
    if (entry === undefined) throw new Error(`the ${name} command is missing`);
    const command = await entry.load();
    const stdout = captureOutput();
    const code = await command.run(args, { ...context, stdout: stdout.stream });
    if (code !== 0) throw new CliError(`pinpipe demo: step "pinpipe ${name}" failed with exit code ${code}`);
    return stdout.text().trim();
  };
  // A fresh broker each time: earlier output would name offsets of topics that no longer exist.
  for (const folder of ["kafka", join("runs", RUN_ID)])
    await rm(join(out, folder), { recursive: true, force: true });

  say("starting a local Kafka broker (KRaft, one broker/controller) on 127.0.0.1");
  const broker = await startLocalKafka({ classpath: options.classpath });
  try {
    const brokers = ["--brokers", broker.brokers];
    say(`Kafka ${broker.brokers}`);
    say(
      `emulating ${options.posts} posts into the topics pinpipe.pin, .geo, .user (${options.partitions} partitions)`,
    );
    const what = ["--seed", String(options.seed), "--count", String(options.posts), "--sleep", "none"];
    if (options.gateway === true) {
      await emulateThroughGateway(broker.brokers, options.partitions, what, run, say);
    } else {
      await run("emulate", [
        "--to",
        "kafka",
        ...brokers,
        "--partitions",
        String(options.partitions),
        ...what,
      ]);
    }
    say("connect-s3: the topics → the Kafka Connect S3 layout in kafka/raw, until idle");
    await run("connect-s3", [
      ...brokers,
      "--topics-regex",
      "pinpipe\\.(pin|geo|user)",
      "--out",
      join(out, "kafka", "raw"),
      "--flush-size",
      "500",
      "--until-idle",
      "2",
    ]);
    say("batch job: kafka/raw → clean → tables, rejected records, eight queries, manifest");
    await run("batch", ["--source", join(out, "kafka", "raw"), "--out", out, "--run-id", RUN_ID]);
    say("stream job: two members of one consumer group share the partitions, until idle");
    const members = await Promise.all(
      [1, 2].map(() =>
        run("stream", [
          "--source",
          "kafka",
          ...brokers,
          "--group",
          "pinpipe-demo",
          "--out",
          join(out, "kafka"),
          "--until-idle",
          "3",
          "--batch-seconds",
          "1",
        ]),
      ),
    );
    say("report: HTML of the batch run");
    const reportPath = await run("report", [out, "--run-id", RUN_ID]);
    const manifest = JSON.parse(await readFile(join(out, "runs", RUN_ID, "manifest.json"), "utf8")) as {
      counts: DemoSummary["batchCounts"];
    };
    return {
      out,
      seconds: (performance.now() - started) / 1000,
      batchCounts: manifest.counts,
      streamSummary: members.map((summary, index) => `member ${index + 1}: ${summary}`).join("\n"),
      reportPath,
    };
  } finally {
    say("stopping the broker");
    await broker.stop();
  }
}
