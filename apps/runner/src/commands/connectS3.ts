import type { S3Client } from "@aws-sdk/client-s3";
import {
  createS3Client,
  IngestInputError,
  kafkaTopicPartitions,
  listKafkaTopics,
  openKafkaGroupSource,
  parseKafkaBrokers,
} from "@pinpipe/ingest";
import { CliError, type Command } from "../command";
import { consumeToKafkaConnectLayout } from "../connect/consumeToKafkaConnectLayout";
import { openOutputSink } from "../output/index";
import { parseCommandArgs } from "../parseCommandArgs";
import { integerOption, numberOption } from "../stream/parseNumberOption";
import { listenForShutdown } from "../stream/shutdownSignal";
import { topicsRegexOption } from "../topicsRegexOption";

const HELP = `Usage: pinpipe connect-s3 --brokers <h:p,...> --topics-regex <regex> --out <root> [options]

Writes Kafka topics to the layout of the Confluent Kafka Connect S3 sink (what MSK Connect wrote in
the original pipeline), so pinpipe batch reads them:

  <out>/topics/<topic>/partition=<p>/<topic>+<p>+<start offset, 10 digits>.json

one JSON line per record (the value as stored; a message without a value is the line null, and
a value with a line break is written as one JSON string, so that every offset has exactly one line),
--flush-size records per object (flush.size), or fewer when --rotate-seconds of record time passed
since the object's first record (rotate.interval.ms) or at stop. Runs as one member of the consumer
group --group: several processes share the partitions.

Exactly once: an object starts where the previous one of its partition ended, and a member that
takes a partition reads where its last object ends, so a restart or takeover rewrites the same
objects with the same bytes; committed group offsets are only where reading starts.

Options:
  --brokers <h:p,...>       Kafka bootstrap brokers (required)
  --topics-regex <regex>    Topics to copy: names the regular expression matches whole (required),
                            e.g. '0a1b\\.(pin|geo|user)'; matched once at start
  --out <root>              Output root: a local folder or s3://bucket/prefix (required)
  --flush-size <n>          Records per object (default 500)
  --rotate-seconds <s>      Close an object once a record is this much later (record time) than
                            its first (default: never)
  --group <name>            Consumer group (default pinpipe-connect-s3)
  --until-idle <seconds>    Stop once no record came for this long (default: until SIGINT/SIGTERM)
  --s3-endpoint <url>       S3 endpoint for an s3:// output
  -h, --help                Show this help

Exit codes: 0 done, 1 failure, 2 usage error.`;

const OPTIONS = {
  brokers: { type: "string" },
  "topics-regex": { type: "string" },
  out: { type: "string" },
  "flush-size": { type: "string" },
  "rotate-seconds": { type: "string" },
  group: { type: "string" },
  "until-idle": { type: "string" },
  "s3-endpoint": { type: "string" },
} as const;

function usage(message: string): CliError {
  return new CliError(`pinpipe connect-s3: ${message} (see pinpipe connect-s3 --help)`, 2);
}

/**
 * `pinpipe connect-s3`: Kafka topics → the Kafka Connect S3 sink layout in a folder or bucket,
 * exactly once. See the help text for every option.
 *
 * @example
 * await connectS3Command.run(["--brokers", "127.0.0.1:9092", "--topics-regex", "p\\..*", "--out", "./raw", "--until-idle", "5"], context); // 0
 */
export const connectS3Command: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("connect-s3", args, OPTIONS);
    if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`);
    if (values.brokers === undefined) throw usage("--brokers <host:port,...> is required");
    if (values["topics-regex"] === undefined) throw usage("--topics-regex <regex> is required");
    if (values.out === undefined) throw usage("--out <dir | s3://bucket/prefix> is required");
    let brokers: string[];
    try {
      brokers = parseKafkaBrokers(values.brokers);
    } catch (error) {
      if (error instanceof IngestInputError) throw usage(`--brokers: ${error.reason}`);
      throw error;
    }
    const pattern = topicsRegexOption("connect-s3", values["topics-regex"])!;
    const group = values.group ?? "pinpipe-connect-s3";
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(group)) throw usage("--group must be 1 to 249 of a-z A-Z 0-9 . _ -");
    const flushSize = integerOption("connect-s3", "flush-size", values["flush-size"], 1, 10_000_000, 500);
    const rotateSeconds = numberOption(
      "connect-s3",
      "rotate-seconds",
      values["rotate-seconds"],
      0.001,
      86_400 * 365,
      undefined,
    );
    const idleSeconds = numberOption(
      "connect-s3",
      "until-idle",
      values["until-idle"],
      0,
      86_400 * 365,
      undefined,
    );

    const topics = (await listKafkaTopics({ brokers, clientId: "pinpipe-connect-s3" })).filter((topic) =>
      pattern.test(topic),
    );
    if (topics.length === 0) {
      throw new CliError(
        `pinpipe connect-s3: no topic on ${brokers.join(",")} matches ${values["topics-regex"]}`,
        1,
      );
    }
    await kafkaTopicPartitions({ brokers, topics, clientId: "pinpipe-connect-s3" });
    let s3: S3Client | undefined;
    const shutdown = listenForShutdown();
    const started = performance.now();
    try {
      const sink = openOutputSink(values.out, {
        cwd: context.cwd,
        s3Client: () => {
          s3 = createS3Client({
            env: context.env,
            ...(values["s3-endpoint"] === undefined ? {} : { endpoint: values["s3-endpoint"] }),
          });
          return s3;
        },
      });
      const source = await openKafkaGroupSource({ brokers, group, topics, clientId: "pinpipe-connect-s3" });
      const stats = await consumeToKafkaConnectLayout({
        source,
        sink,
        topics,
        flushSize,
        ...(rotateSeconds === undefined ? {} : { rotateIntervalMs: rotateSeconds * 1000 }),
        ...(idleSeconds === undefined ? {} : { idleMs: idleSeconds * 1000 }),
        signal: shutdown.signal,
      });
      const seconds = (performance.now() - started) / 1000;
      context.stdout.write(
        `pinpipe connect-s3: ${stats.records} records in ${stats.objects} objects from ${topics.join(", ")} to ${sink.location} in ${seconds.toFixed(1)} s (${stats.rebalances} rebalances seen)\n`,
      );
      return 0;
    } finally {
      shutdown.dispose();
      s3?.destroy();
    }
  },
};
