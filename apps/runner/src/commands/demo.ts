import { CliError, type Command } from "../command";
import { runDemo } from "../demo/runDemo";
import { KAFKA_DEMO_SEARCH_ROOT, kafkaClasspath, runKafkaDemo } from "../demo/runKafkaDemo";
import { parseCommandArgs } from "../parseCommandArgs";
import { commands } from "./index";

const HELP = `Usage: pinpipe demo [options]

Runs the whole pipeline on this machine with no configuration: starts real local S3 (s3rver) and
Kinesis (kinesalite) servers on free 127.0.0.1 ports, replays the posting emulator (seeded, rows
from a generated table) into S3 in the Kafka Connect layout and into three Kinesis streams, runs
the batch job and the stream job until idle, writes the HTML report, prints a summary and stops
the servers.

Output (under --out):
  s3/                 the local S3 server's files (raw topics in bucket ${"pinpipe-raw"})
  runs/demo/          the batch run: Parquet tables, rejected records, query results, manifest,
                      report.html
  stream/             the stream job: Parquet micro-batches, windowed counts, checkpoints
Each demo run first removes the s3/, stream/ and runs/demo/ folders of an earlier demo.

With --kafka, the original batch path through Kafka instead: a real local Kafka broker (the
kafka peer's jars: node scripts/peers.mjs install kafka, Java 17+; or PINPIPE_KAFKA_CLASSPATH),
emulate into the topics pinpipe.pin/geo/user, connect-s3 into kafka/raw/ (the Kafka Connect S3
layout), the batch job on it (runs/demo-kafka/) and the report, and the Kafka stream job with
two members of one consumer group (into kafka/stream/).

With --kafka --gateway, the emulator posts as the original batch producer did: over HTTP to an
in-process pinpipe gateway (REST Proxy v2 produce API, POST /demo/topics/pinpipe.<table>, 50 records
a request) in front of the broker, instead of producing to Kafka directly.

Options:
  --kafka          Run the Kafka path (see above)
  --gateway        With --kafka: emulate through a pinpipe gateway (see above)
  --partitions <n> Partitions per Kafka topic with --kafka, 1..16 (default 4)
  --out <dir>      Output folder (default ./pinpipe-out)
  --posts <n>      Posts to emulate, 1..100000 (default 3000)
  --seed <n>       The emulator's random seed (default 100, as the original)
  --shards <n>     Shards per Kinesis stream, 1..8 (default 2)
  -h, --help       Show this help

Exit codes: 0 done, 1 a step failed (named on stderr), 2 usage error.`;

const OPTIONS = {
  out: { type: "string" },
  posts: { type: "string" },
  seed: { type: "string" },
  shards: { type: "string" },
  kafka: { type: "boolean" },
  partitions: { type: "string" },
  gateway: { type: "boolean" },
} as const;

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`pinpipe demo: --${name} must be an integer from ${min} to ${max}, got "${value}"`, 2);
  }
  return n;
}

/**
 * `pinpipe demo`: the whole pipeline against local S3 and Kinesis servers, out of the box.
 *
 * @example
 * await demoCommand.run(["--posts", "500"], context); // 0, output in ./pinpipe-out
 */
export const demoCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("demo", args, OPTIONS);
    if (positionals.length > 0) {
      throw new CliError(
        `pinpipe demo: unexpected argument "${positionals[0]}" (see pinpipe demo --help)`,
        2,
      );
    }
    if (values.kafka !== true && values.gateway === true) {
      throw new CliError("pinpipe demo: --gateway is for --kafka (see pinpipe demo --help)", 2);
    }
    if (values.kafka !== true && values.partitions !== undefined) {
      throw new CliError("pinpipe demo: --partitions is for --kafka (see pinpipe demo --help)", 2);
    }
    if (values.kafka === true && values.shards !== undefined) {
      throw new CliError(
        "pinpipe demo: --shards is for the Kinesis demo, not --kafka (see pinpipe demo --help)",
        2,
      );
    }
    const posts = integer("posts", values.posts, 3000, 1, 100_000);
    const seed = integer("seed", values.seed, 100, 0, Number.MAX_SAFE_INTEGER);
    const summary =
      values.kafka === true
        ? await runKafkaDemo(
            {
              out: values.out ?? "pinpipe-out",
              posts,
              seed,
              partitions: integer("partitions", values.partitions, 4, 1, 16),
              classpath: kafkaClasspath(context.env, [context.cwd, KAFKA_DEMO_SEARCH_ROOT]),
              gateway: values.gateway === true,
            },
            commands,
            context,
          )
        : await runDemo(
            {
              out: values.out ?? "pinpipe-out",
              posts,
              seed,
              shards: integer("shards", values.shards, 2, 1, 8),
            },
            commands,
            context,
          );
    const rows = Object.entries(summary.batchCounts).map(
      ([table, c]) =>
        `  ${table.padEnd(5)} ${String(c.in).padStart(7)} in  ${String(c.clean).padStart(7)} clean  ${String(c.rejected).padStart(5)} rejected  ${String(c.duplicates).padStart(6)} duplicates`,
    );
    context.stdout.write(
      [
        `pinpipe demo: done in ${summary.seconds.toFixed(1)} s, output in ${summary.out}`,
        `batch run (runs/${values.kafka === true ? "demo-kafka" : "demo"}):`,
        ...rows,
        summary.streamSummary,
        `report: ${summary.reportPath}`,
        `delta tables: ${summary.out}/tables/pinpipe_{pin,geo,user}_table (a commit per batch run; any Delta reader opens them)`,
        "",
      ].join("\n"),
    );
    return 0;
  },
};
