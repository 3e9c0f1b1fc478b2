import { resolve } from "node:path";
import { createKinesisClient, createS3Client, ensureKinesisStream, ensureS3Bucket } from "@pinpipe/ingest";
import { CliError, type Command, type CommandContext } from "../command";
import type { EmulatorRows } from "../emulate/emulatorRows";
import type { EmulatorSink } from "../emulate/emulatorSink";
import { fileEmulatorRows } from "../emulate/fileEmulatorRows";
import { generatedEmulatorRows } from "../emulate/generatedEmulatorRows";
import { kinesisEmulatorSink } from "../emulate/kinesisEmulatorSink";
import { layoutEmulatorSink } from "../emulate/layoutEmulatorSink";
import { type EmulateSummary, runEmulate } from "../emulate/runEmulate";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";
import { integerOption, numberOption } from "../stream/parseNumberOption";
import { ProgressLine } from "../stream/progressLine";
import { listenForShutdown } from "../stream/shutdownSignal";
import { DEFAULT_STREAM_NAMES, parseStreamNames } from "../stream/streamNames";

const HELP = `Usage: pinpipe emulate --to kinesis|s3|dir [options]

Replays the original user-posting emulator: seeded like Python's random.seed(<seed>), each post
sleeps randrange(0, 2) seconds and picks row randint(0, 11000) (CPython-exact: seed 100 posts rows
7528, 2863, 5730, ...), then sends that row's pin, geo and user records.

Destination:
  --to <sink>              kinesis: PutRecords to three streams (only rejected entries resent);
                           s3: Kafka Connect S3 sink layout in a bucket; dir: the same layout in a
                           local folder (topics/<topic-prefix>.<table>/partition=<p>/...)
  --streams <p>,<g>,<u>    Kinesis streams of pin, geo and user records (default
                           ${DEFAULT_STREAM_NAMES.pin},${DEFAULT_STREAM_NAMES.geo},${DEFAULT_STREAM_NAMES.user}); missing streams are created
  --shards <n>             Shards of streams this command creates (default 1)
  --partition-key <k>      ind: the post's row as partition key, so records spread over shards
                           (default); table: the table name, one fixed key per stream as the
                           original API Gateway integration sent
  --bucket <name>          S3 bucket (--to s3; created if missing)
  --prefix <key-prefix>    S3 key prefix before topics/ (--to s3; default none)
  --out <dir>              Local folder (--to dir)
  --topic-prefix <p>       Kafka topics are <p>.pin, <p>.geo, <p>.user (default pinpipe)
  --partitions <n>         Kafka partitions, records round-robin (default 1)
  --records-per-object <n> Records per object, Kafka Connect's flush.size (default 100); the
                           last, partly filled objects are written when the run ends

What and how fast:
  --seed <n>               The emulator's random.seed (default 100)
  --count <n>              Posts to send (default: endless, as the original; stop with Ctrl-C)
  --rows <src>             generated: a fixed table of 11,001 synthetic posts generated from the
                           seed, row r being the post with ind r (default); or a FILE_PREFIX:
                           <prefix>pinterest_data.ndjson, <prefix>geolocation_data.ndjson and
                           <prefix>user_data.ndjson, row r being the record with index/ind r (a
                           table without one sends nothing for that post)
  --sleep <mode>           python: sleep the emulator's 0 or 1 s before each post (default);
                           none: no sleeping
  --rate <posts/s>         Upper bound on posts per second (default none)

Endpoints (default: the AWS SDK's, e.g. AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_S3):
  --kinesis-endpoint <url> Kinesis endpoint, e.g. a local server
  --s3-endpoint <url>      S3 endpoint
  -h, --help               Show this help

Progress goes to stderr; a summary line (posts and records per table, sink) to stdout.
SIGINT/SIGTERM stop after the posts already due, write what is buffered and exit 0.
Exit codes: 0 done, 1 failure, 2 usage error.`;

const OPTIONS = {
  to: { type: "string" },
  streams: { type: "string" },
  shards: { type: "string" },
  "partition-key": { type: "string" },
  bucket: { type: "string" },
  prefix: { type: "string" },
  out: { type: "string" },
  "topic-prefix": { type: "string" },
  partitions: { type: "string" },
  "records-per-object": { type: "string" },
  seed: { type: "string" },
  count: { type: "string" },
  rows: { type: "string" },
  sleep: { type: "string" },
  rate: { type: "string" },
  "kinesis-endpoint": { type: "string" },
  "s3-endpoint": { type: "string" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

function usage(message: string): CliError {
  return new CliError(`pinpipe emulate: ${message} (see pinpipe emulate --help)`, 2);
}

/** Options that only make sense with another sink are mistakes worth reporting. */
function rejectForeignOptions(to: string, values: Values): void {
  const only: Record<string, readonly (keyof Values)[]> = {
    kinesis: ["streams", "shards", "partition-key", "kinesis-endpoint"],
    s3: ["bucket", "prefix", "s3-endpoint"],
    dir: ["out"],
  };
  for (const [sink, names] of Object.entries(only)) {
    if (sink === to) continue;
    const given = names.find((name) => values[name] !== undefined);
    if (given !== undefined) throw usage(`--${given} is for --to ${sink}, not --to ${to}`);
  }
  if (to === "kinesis") {
    const layout = (["topic-prefix", "partitions", "records-per-object"] as const).find(
      (name) => values[name] !== undefined,
    );
    if (layout !== undefined) throw usage(`--${layout} is for --to s3 or dir, not --to kinesis`);
  }
}

/** Creates the sink. The shutdown signal is not passed on: it stops the emulator loop, and sends
 * already started finish, so a graceful stop loses no post it counted. */
async function createSink(
  to: "kinesis" | "s3" | "dir",
  values: Values,
  context: CommandContext,
  signal: AbortSignal,
): Promise<{ sink: EmulatorSink; destroy: () => void }> {
  if (to === "kinesis") {
    const streams = parseStreamNames("emulate", values.streams);
    const shards = integerOption("emulate", "shards", values.shards, 1, 10_000, 1);
    const client = createKinesisClient({
      env: context.env,
      ...(values["kinesis-endpoint"] === undefined ? {} : { endpoint: values["kinesis-endpoint"] }),
    });
    for (const stream of Object.values(streams)) {
      await ensureKinesisStream({ client, stream, shardCount: shards, signal });
    }
    const partitionKey = choiceOption(
      "emulate",
      "partition-key",
      values["partition-key"],
      ["ind", "table"],
      "ind",
    );
    return {
      sink: kinesisEmulatorSink({ client, streams, partitionKey }),
      destroy: () => client.destroy(),
    };
  }
  const topicPrefix = values["topic-prefix"] ?? "pinpipe";
  const partitions = integerOption("emulate", "partitions", values.partitions, 1, 10_000, 1);
  const recordsPerObject = integerOption(
    "emulate",
    "records-per-object",
    values["records-per-object"],
    1,
    1_000_000,
    100,
  );
  if (to === "dir") {
    if (values.out === undefined) throw usage("--to dir needs --out <dir>");
    const target = { kind: "dir", dir: resolve(context.cwd, values.out) } as const;
    return {
      sink: layoutEmulatorSink({ target, topicPrefix, partitions, recordsPerObject }),
      destroy: () => {},
    };
  }
  if (values.bucket === undefined) throw usage("--to s3 needs --bucket <name>");
  const keyPrefix = (values.prefix ?? "").replace(/^\/+|\/+$/g, "");
  const client = createS3Client({
    env: context.env,
    ...(values["s3-endpoint"] === undefined ? {} : { endpoint: values["s3-endpoint"] }),
  });
  await ensureS3Bucket({ client, bucket: values.bucket });
  const target = { kind: "s3", client, bucket: values.bucket, keyPrefix } as const;
  return {
    sink: layoutEmulatorSink({ target, topicPrefix, partitions, recordsPerObject }),
    destroy: () => client.destroy(),
  };
}

function formatSummary(summary: EmulateSummary, sink: EmulatorSink, rows: EmulatorRows): string {
  const seconds = summary.elapsedMs / 1000;
  const perSecond = seconds > 0 ? (summary.posts / seconds).toFixed(1) : "0";
  const tables = (["pin", "geo", "user"] as const)
    .map((table) => {
      const missing = summary.missing[table] > 0 ? ` (${summary.missing[table]} rows missing)` : "";
      return `${table} ${summary.records[table]}${missing}`;
    })
    .join(", ");
  return [
    `pinpipe emulate: ${summary.posts} posts sent to ${sink.description} in ${seconds.toFixed(2)} s (${perSecond} posts/s)`,
    `  records: ${tables}; ${summary.sinkNote}`,
    `  rows from ${rows.description}; first rows ${summary.firstRows.join(", ")}`,
    "",
  ].join("\n");
}

/**
 * `pinpipe emulate`: the original posting emulator, sending to Kinesis, to S3 in the Kafka Connect
 * layout, or to a local folder in that layout. See the help text for every option.
 *
 * @example
 * await emulateCommand.run(["--to", "dir", "--out", "/tmp/raw", "--count", "10", "--sleep", "none"], context); // 0
 */
export const emulateCommand: Command = {
  name: "emulate",
  summary: "replay the original posting emulator into Kinesis, S3 or a local folder",
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("emulate", args, OPTIONS);
    if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`);
    if (values.to === undefined) throw usage("--to kinesis|s3|dir is required");
    const to = choiceOption("emulate", "to", values.to, ["kinesis", "s3", "dir"], "kinesis");
    rejectForeignOptions(to, values);
    const seed = integerOption("emulate", "seed", values.seed, -(2 ** 53 - 1), 2 ** 53 - 1, 100);
    const count = integerOption("emulate", "count", values.count, 0, 2 ** 53 - 1, undefined);
    const rate = numberOption("emulate", "rate", values.rate, 0, 1e9, undefined);
    const sleep = choiceOption("emulate", "sleep", values.sleep, ["python", "none"], "python");
    const rowSource = values.rows ?? "generated";
    const rows =
      rowSource === "generated"
        ? generatedEmulatorRows(seed)
        : await fileEmulatorRows(resolve(context.cwd, rowSource).concat(rowSource.endsWith("/") ? "/" : ""));

    const shutdown = listenForShutdown();
    const { sink, destroy } = await createSink(to, values, context, shutdown.signal);
    const progress = new ProgressLine(context.stderr, context.interactive);
    try {
      const summary = await runEmulate({
        seed,
        count,
        pacing: { sleep, ...(rate === undefined ? {} : { rate }) },
        rows,
        sink,
        signal: shutdown.signal,
        onSent: (sofar) =>
          progress.show(
            () =>
              `pinpipe emulate: ${sofar.posts} posts sent, ${(sofar.posts / Math.max(sofar.elapsedMs / 1000, 0.001)).toFixed(1)} posts/s`,
          ),
      });
      progress.finish();
      context.stdout.write(formatSummary(summary, sink, rows));
      return 0;
    } finally {
      shutdown.dispose();
      destroy();
    }
  },
};
