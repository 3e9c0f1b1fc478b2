import { resolve } from "node:path";
import {
  createKafkaRecordProducer,
  createKinesisClient,
  createS3Client,
  ensureKafkaTopics,
  ensureKinesisStream,
  ensureS3Bucket,
  IngestInputError,
  kafkaTopicNames,
  parseKafkaBrokers,
} from "@pinpipe/ingest";
import { CliError, type Command, type CommandContext } from "../command";
import { apiGatewayEmulatorSink } from "../emulate/apiGatewayEmulatorSink";
import type { DeliverHttpBatchesOptions } from "../emulate/deliverHttpBatches";
import { dirtyOption, httpUrlOption, topicPrefixOption } from "../emulate/emulateOptionValues";
import type { EmulatorRows } from "../emulate/emulatorRows";
import type { EmulatorSink } from "../emulate/emulatorSink";
import { fileEmulatorRows } from "../emulate/fileEmulatorRows";
import { generatedEmulatorRows } from "../emulate/generatedEmulatorRows";
import { kafkaEmulatorSink } from "../emulate/kafkaEmulatorSink";
import { kinesisEmulatorSink } from "../emulate/kinesisEmulatorSink";
import { layoutEmulatorSink } from "../emulate/layoutEmulatorSink";
import { restProxyEmulatorSink } from "../emulate/restProxyEmulatorSink";
import { type EmulateSummary, runEmulate } from "../emulate/runEmulate";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";
import { integerOption, numberOption } from "../stream/parseNumberOption";
import { ProgressLine } from "../stream/progressLine";
import { listenForShutdown } from "../stream/shutdownSignal";
import { DEFAULT_STREAM_NAMES, parseStreamNames } from "../stream/streamNames";

const HELP = `Usage: pinpipe emulate --to kinesis|kafka|s3|dir|rest-proxy|api-gateway [options]

Replays the original user-posting emulator: seeded like Python's random.seed(<seed>), each post
sleeps randrange(0, 2) seconds and picks row randint(0, 11000) (CPython-exact: seed 100 posts rows
7528, 2863, 5730, ...), then sends that row's pin, geo and user records.

Destination:
  --to <sink>              kinesis: PutRecords to three streams (only rejected entries resent);
                           s3: Kafka Connect S3 sink layout in a bucket; dir: the same layout in a
                           local folder (topics/<topic-prefix>.<table>/partition=<p>/...);
                           rest-proxy: a Confluent REST Proxy v2, as the original batch emulator:
                           POST <url>/topics/<topic-prefix>.<table> with Content-Type
                           application/vnd.kafka.json.v2+json; api-gateway: an API Gateway Kinesis
                           proxy, as the original streaming emulator: PUT
                           <url>/streams/<stream>/record (/records with more than one record per
                           request); kafka: produce to the topics <topic-prefix>.<table> on a
                           Kafka cluster, values the JSON text the REST proxy stores, no key,
                           records round-robin over the partitions (an idempotent producer: a
                           retried request is never stored twice)
  --brokers <h:p,...>      Kafka bootstrap brokers (--to kafka), e.g. 127.0.0.1:9092
  --url <url>              Base URL (--to rest-proxy or api-gateway): the REST proxy's, e.g.
                           http://localhost:8082, or the API's invoke URL with its stage, e.g.
                           https://<api-id>.execute-api.<region>.amazonaws.com/test
  --streams <p>,<g>,<u>    Kinesis streams of pin, geo and user records (--to kinesis or
                           api-gateway; default ${DEFAULT_STREAM_NAMES.pin},${DEFAULT_STREAM_NAMES.geo},${DEFAULT_STREAM_NAMES.user});
                           --to kinesis creates missing ones
  --shards <n>             Shards of streams --to kinesis creates (default 1)
  --partition-key <k>      ind: the post's row as partition key, so records spread over shards
                           (default); table: the table name, one fixed key per stream as the
                           original API Gateway integration sent (--to kinesis or api-gateway)
  --bucket <name>          S3 bucket (--to s3; created if missing)
  --prefix <key-prefix>    S3 key prefix before topics/ (--to s3; default none)
  --out <dir>              Local folder (--to dir)
  --topic-prefix <p>       Kafka topics are <p>.pin, <p>.geo, <p>.user (default pinpipe; 1 to 244 of
                           a-z A-Z 0-9 . _ -; --to kafka, s3, dir or rest-proxy)
  --partitions <n>         Kafka partitions, records round-robin (--to s3 or dir; default 1); --to
                           kafka: partitions of the topics it creates (existing topics keep theirs)
  --records-per-object <n> Records per object, Kafka Connect's flush.size (--to s3 or dir; default
                           100); the last, partly filled objects are written when the run ends
  --records-per-request <n>
                           Records of one table per HTTP request, 1 to 500 (--to rest-proxy or
                           api-gateway; default 1, as the original); api-gateway sends PutRecords
                           (/records) when above 1
  --retry-for <seconds>    How long one HTTP request is retried before the run fails (--to
                           rest-proxy or api-gateway; default 60).
                           No answer, 408, 429 and 5xx resend the request; records the answer marks
                           failed and retryable (REST proxy error_code 2; Kinesis throttling or
                           InternalFailure) are resent alone; backoff 100 ms doubling to 5 s, with
                           jitter. Any other 4xx, error_code or Kinesis error fails the run (exit 1)
                           with the status and the server's message. Requests time out after 30 s;
                           a request whose answer was lost may be stored twice (at least once).

What and how fast:
  --seed <n>               The emulator's random.seed (default 100)
  --count <n>              Posts to send (default: endless, as the original; stop with Ctrl-C)
  --rows <src>             generated: a fixed table of 11,001 synthetic posts generated from the
                           seed, row r being the post with ind r (default); or a FILE_PREFIX:
                           <prefix>pinterest_data.ndjson, <prefix>geolocation_data.ndjson and
                           <prefix>user_data.ndjson, row r being the record with index/ind r (a
                           table without one sends nothing for that post)
  --dirty <fraction>       Share of generated posts (0 to 1, default 0; --rows generated only) with
                           one bad or hostile value in one of their records: follower_count an odd
                           string ("1.5k", "abc", ...) or a number; an impossible (2019-02-29,
                           hour 24) or malformed date; latitude/longitude out of range; a missing,
                           mistyped or null field; a hostile "constructor" key; the key (index/ind)
                           missing, negative or fractional. (The generator's "__proto__" key is sent
                           as "constructor": the encoders refuse "__proto__".)
  --sleep <mode>           python: sleep the emulator's 0 or 1 s before each post (default);
                           none: no sleeping
  --rate <posts/s>         Upper bound on posts per second (default none)

Endpoints (default: the AWS SDK's, e.g. AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_S3):
  --kinesis-endpoint <url> Kinesis endpoint, e.g. a local server (--to kinesis)
  --s3-endpoint <url>      S3 endpoint (--to s3)
  -h, --help               Show this help

Progress goes to stderr; a summary line (posts and records per table, sink) to stdout.
SIGINT/SIGTERM stop after the posts already due, write what is buffered and exit 0.
Exit codes: 0 done, 1 failure, 2 usage error.`;

const OPTIONS = {
  to: { type: "string" },
  brokers: { type: "string" },
  url: { type: "string" },
  streams: { type: "string" },
  shards: { type: "string" },
  "partition-key": { type: "string" },
  bucket: { type: "string" },
  prefix: { type: "string" },
  out: { type: "string" },
  "topic-prefix": { type: "string" },
  partitions: { type: "string" },
  "records-per-object": { type: "string" },
  "records-per-request": { type: "string" },
  "retry-for": { type: "string" },
  seed: { type: "string" },
  count: { type: "string" },
  rows: { type: "string" },
  dirty: { type: "string" },
  sleep: { type: "string" },
  rate: { type: "string" },
  "kinesis-endpoint": { type: "string" },
  "s3-endpoint": { type: "string" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

const SINKS = ["kinesis", "kafka", "s3", "dir", "rest-proxy", "api-gateway"] as const;
type Sink = (typeof SINKS)[number];

/** The sinks each sink-specific option is for; the others apply to every sink. */
const OPTION_SINKS: Partial<Record<keyof Values, readonly Sink[]>> = {
  url: ["rest-proxy", "api-gateway"],
  brokers: ["kafka"],
  streams: ["kinesis", "api-gateway"],
  shards: ["kinesis"],
  "partition-key": ["kinesis", "api-gateway"],
  "kinesis-endpoint": ["kinesis"],
  bucket: ["s3"],
  prefix: ["s3"],
  "s3-endpoint": ["s3"],
  out: ["dir"],
  "topic-prefix": ["kafka", "s3", "dir", "rest-proxy"],
  partitions: ["kafka", "s3", "dir"],
  "records-per-object": ["s3", "dir"],
  "records-per-request": ["rest-proxy", "api-gateway"],
  "retry-for": ["rest-proxy", "api-gateway"],
};

/** Most records per HTTP request: a Kinesis PutRecords call takes at most 500 entries. */
const MAX_RECORDS_PER_REQUEST = 500;
const REQUEST_TIMEOUT_MS = 30_000;
const HTTP_BACKOFF = { baseMs: 100, maxMs: 5_000 } as const;

function usage(message: string): CliError {
  return new CliError(`pinpipe emulate: ${message} (see pinpipe emulate --help)`, 2);
}

const listSinks = (sinks: readonly string[]): string =>
  sinks.length === 1 ? sinks[0]! : `${sinks.slice(0, -1).join(", ")} or ${sinks.at(-1)}`;

/** Options that only make sense with another sink are mistakes worth reporting. */
function rejectForeignOptions(to: Sink, values: Values): void {
  for (const [name, sinks] of Object.entries(OPTION_SINKS) as [keyof Values, readonly Sink[]][]) {
    if (values[name] !== undefined && !sinks.includes(to)) {
      throw usage(`--${name} is for --to ${listSinks(sinks)}, not --to ${to}`);
    }
  }
}

/** Reads every sink option, so a mistake is a usage error before anything is created or sent. */
function readSinkSettings(to: Sink, values: Values, context: CommandContext) {
  const endpoint = (name: "kinesis-endpoint" | "s3-endpoint") =>
    values[name] === undefined ? {} : { endpoint: httpUrlOption(name, values[name]) };
  switch (to) {
    case "kinesis":
    case "api-gateway": {
      const streams = parseStreamNames("emulate", values.streams);
      const partitionKey = choiceOption(
        "emulate",
        "partition-key",
        values["partition-key"],
        ["ind", "table"],
        "ind",
      );
      if (to === "kinesis") {
        const shards = integerOption("emulate", "shards", values.shards, 1, 10_000, 1);
        return { to, streams, partitionKey, shards, ...endpoint("kinesis-endpoint") } as const;
      }
      return {
        to,
        streams,
        partitionKey,
        url: requiredUrl(to, values),
        delivery: readDelivery(values),
      } as const;
    }
    case "kafka": {
      if (values.brokers === undefined) throw usage("--to kafka needs --brokers <host:port,...>");
      let brokers: string[];
      try {
        brokers = parseKafkaBrokers(values.brokers);
      } catch (error) {
        if (error instanceof IngestInputError) throw usage(`--brokers: ${error.reason}`);
        throw error;
      }
      return {
        to,
        brokers,
        topics: kafkaTopicNames(topicPrefixOption(values["topic-prefix"])),
        partitions: integerOption("emulate", "partitions", values.partitions, 1, 10_000, 1),
      } as const;
    }
    case "rest-proxy":
      return {
        to,
        url: requiredUrl(to, values),
        topicPrefix: topicPrefixOption(values["topic-prefix"]),
        delivery: readDelivery(values),
      } as const;
    case "s3":
    case "dir": {
      const layout = {
        topicPrefix: topicPrefixOption(values["topic-prefix"]),
        partitions: integerOption("emulate", "partitions", values.partitions, 1, 10_000, 1),
        recordsPerObject: integerOption(
          "emulate",
          "records-per-object",
          values["records-per-object"],
          1,
          1_000_000,
          100,
        ),
      };
      if (to === "dir") {
        if (values.out === undefined) throw usage("--to dir needs --out <dir>");
        return { to, layout, dir: resolve(context.cwd, values.out) } as const;
      }
      if (values.bucket === undefined) throw usage("--to s3 needs --bucket <name>");
      const keyPrefix = (values.prefix ?? "").replace(/^\/+|\/+$/g, "");
      return { to, layout, bucket: values.bucket, keyPrefix, ...endpoint("s3-endpoint") } as const;
    }
  }
}

function requiredUrl(to: Sink, values: Values): string {
  if (values.url === undefined) throw usage(`--to ${to} needs --url <url>`);
  return httpUrlOption("url", values.url);
}

function readDelivery(values: Values): DeliverHttpBatchesOptions {
  const perRequest = integerOption(
    "emulate",
    "records-per-request",
    values["records-per-request"],
    1,
    MAX_RECORDS_PER_REQUEST,
    1,
  );
  const retryForSeconds = numberOption("emulate", "retry-for", values["retry-for"], 0, 86_400, 60);
  return {
    perRequest,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    policy: { retryForMs: retryForSeconds * 1000, backoff: HTTP_BACKOFF },
  };
}

type SinkSettings = ReturnType<typeof readSinkSettings>;

/** Creates the sink. The shutdown signal is not passed on: it stops the emulator loop, and sends
 * already started finish, so a graceful stop loses no post it counted. */
async function createSink(
  settings: SinkSettings,
  context: CommandContext,
  signal: AbortSignal,
): Promise<{ sink: EmulatorSink; destroy: () => void }> {
  switch (settings.to) {
    case "kinesis": {
      const { streams, shards, partitionKey } = settings;
      const client = createKinesisClient({
        env: context.env,
        ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      });
      try {
        for (const stream of Object.values(streams)) {
          await ensureKinesisStream({ client, stream, shardCount: shards, signal });
        }
      } catch (error) {
        client.destroy();
        throw error;
      }
      return {
        sink: kinesisEmulatorSink({ client, streams, partitionKey }),
        destroy: () => client.destroy(),
      };
    }
    case "kafka": {
      const counts = await ensureKafkaTopics({
        brokers: settings.brokers,
        topics: Object.values(settings.topics),
        partitions: settings.partitions,
        clientId: "pinpipe-emulate",
      });
      const producer = createKafkaRecordProducer({ brokers: settings.brokers, clientId: "pinpipe-emulate" });
      const partitions = {
        pin: counts.get(settings.topics.pin) ?? settings.partitions,
        geo: counts.get(settings.topics.geo) ?? settings.partitions,
        user: counts.get(settings.topics.user) ?? settings.partitions,
      };
      return {
        sink: kafkaEmulatorSink({ producer, topics: settings.topics, partitions }),
        destroy: () => {
          producer.close().catch(() => {});
        },
      };
    }
    case "api-gateway":
      return { sink: apiGatewayEmulatorSink(settings), destroy: () => {} };
    case "rest-proxy":
      return { sink: restProxyEmulatorSink(settings), destroy: () => {} };
    case "dir":
      return {
        sink: layoutEmulatorSink({ target: { kind: "dir", dir: settings.dir }, ...settings.layout }),
        destroy: () => {},
      };
    case "s3": {
      const client = createS3Client({
        env: context.env,
        ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      });
      try {
        await ensureS3Bucket({ client, bucket: settings.bucket });
      } catch (error) {
        client.destroy();
        throw error;
      }
      const target = { kind: "s3", client, bucket: settings.bucket, keyPrefix: settings.keyPrefix } as const;
      return {
        sink: layoutEmulatorSink({ target, ...settings.layout }),
        destroy: () => client.destroy(),
      };
    }
  }
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
 * layout, to a local folder in that layout, to a Confluent REST proxy or to an API Gateway Kinesis
 * proxy. See the help text for every option.
 *
 * @example
 * await emulateCommand.run(["--to", "dir", "--out", "/tmp/raw", "--count", "10", "--sleep", "none"], context); // 0
 */
export const emulateCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("emulate", args, OPTIONS);
    if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`);
    if (values.to === undefined) throw usage(`--to ${SINKS.join("|")} is required`);
    const to = choiceOption("emulate", "to", values.to, SINKS, "kinesis");
    rejectForeignOptions(to, values);
    const settings = readSinkSettings(to, values, context);
    const seed = integerOption("emulate", "seed", values.seed, -(2 ** 53 - 1), 2 ** 53 - 1, 100);
    const count = integerOption("emulate", "count", values.count, 0, 2 ** 53 - 1, undefined);
    const rate = numberOption("emulate", "rate", values.rate, 0, 1e9, undefined);
    const sleep = choiceOption("emulate", "sleep", values.sleep, ["python", "none"], "python");
    const dirty = dirtyOption(values.dirty);
    const rowSource = values.rows ?? "generated";
    if (rowSource !== "generated" && values.dirty !== undefined) {
      throw usage("--dirty is for --rows generated, not rows from files");
    }
    const rows =
      rowSource === "generated"
        ? generatedEmulatorRows(seed, dirty)
        : await fileEmulatorRows(resolve(context.cwd, rowSource).concat(rowSource.endsWith("/") ? "/" : ""));

    const shutdown = listenForShutdown();
    let destroy = (): void => {};
    const progress = new ProgressLine(context.stderr, context.interactive);
    try {
      const created = await createSink(settings, context, shutdown.signal);
      destroy = created.destroy;
      const { sink } = created;
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
