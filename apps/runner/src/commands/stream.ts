import type { S3Client } from "@aws-sdk/client-s3";
import { REJECT_REASONS, type TableCounts } from "@pinpipe/clean";
import { cleanTableDefinition } from "@pinpipe/delta";
import {
  createKinesisClient,
  createS3Client,
  IngestInputError,
  kafkaTopicNames,
  kafkaTopicPartitions,
  openKafkaGroupSource,
  parseKafkaBrokers,
  resolveAwsClientSettings,
} from "@pinpipe/ingest";
import { cleanConfigOption } from "../cleanConfigOption";
import { CliError, type Command, type CommandContext } from "../command";
import { tablePrefixProblem } from "../delta/deltaTableOptions";
import { openDeltaTable } from "../delta/openDeltaTable";
import { topicPrefixOption } from "../emulate/emulateOptionValues";
import { openOutputSink, parseStorageLocation } from "../output/index";
import { byteSizeOption, formatByteSize } from "../parseByteSize";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";
import { consumeKafkaTopics, type KafkaTableStats } from "../stream/consumeKafkaTopics";
import type { StreamStats } from "../stream/consumeStream";
import { KINESIS_MAX_RECORD_BYTES } from "../stream/filterLongRecords";
import { integerOption, numberOption } from "../stream/parseNumberOption";
import { ProgressLine } from "../stream/progressLine";
import { runStream } from "../stream/runStream";
import { listenForShutdown } from "../stream/shutdownSignal";
import { STREAM_AGGREGATES } from "../stream/streamAggregates";
import { streamAppId } from "../stream/streamDeltaTable";
import { DEFAULT_STREAM_NAMES, parseStreamNames } from "../stream/streamNames";

const HELP = `Usage: pinpipe stream --out <dir | s3://bucket/prefix> [options]
       pinpipe stream --source kafka --brokers <h:p,...> --group <name> --out <root> [options]

Consumes the pin, geo and user Kinesis streams (every shard; after a SplitShard or MergeShards a
parent is read to its end before its children), cleans each record as the batch job does and
writes micro-batches. With --format delta (the default) each micro-batch's clean records are one
commit to the Delta table <out>/tables/<prefix>_<table>_table/ (the tables pinpipe batch writes),
carrying a txn action (appId pinpipe-stream/<stream>, version the micro-batch number), so a
restart never commits a micro-batch twice. The rest goes under <out>/stream/:

  tables/<table>/shard=<shard>/<firstSeq>_<lastSeq>.parquet      clean records (--format parquet)
  rejected/<table>/shard=<shard>/<firstSeq>_<lastSeq>.ndjson     rejected records with reasons
  aggregates/<name>/shard=<shard>/<firstSeq>_<lastSeq>.ndjson    windowed counts
  checkpoints/<stream>.json                                      per-shard positions + window state

Aggregates: ${STREAM_AGGREGATES.map((a) => a.name).join(" and ")}, on tumbling
one-minute windows of Kinesis arrival time (the emulator replays historical rows in random order,
so geo timestamps are no usable event time; pins have none). Each batch writes the latest
revision of every window it changed, counted per shard: a window's count is the sum over shards
of their highest revision.

Exactly once: a batch's files are written before the checkpoint that covers them; at start,
objects the checkpoint does not cover (left by a run that was killed) are removed and their
records read again. A batch is cut every --batch-records records of a shard, or when its oldest
record waited --batch-seconds, or at the end of a closed shard, or at stop.

Kafka (--source kafka): the topics <topic-prefix>.pin, .geo and .user are read as one member of
the consumer group --group; several processes with the same group share the partitions, and when
one dies the others take its partitions over (after the group's session timeout, 10 s). Files are
named shard=<topic>-<partition>/<firstOffset>_<lastOffset>, and each partition has its checkpoint,
checkpoints/kafka/<topic>/<partition>.json, written after its files by whichever member owns the
partition: it says what the output holds (the group's committed offsets only say where reading
starts), so output stays exactly once across crashes and rebalances. With --format delta (the
default here too) each micro-batch of a partition is one commit to the same Delta tables as above,
with a txn action of appId pinpipe-kafka/<topic>/<partition> and version the offset after the
batch's last record; the commit is made only while the table still holds the partition at the
offset the batch starts from, so a member that lost the partition to another (a rebalance while it
wrote) cannot commit on top of it. A partition's new owner compares the table's txn with the
checkpoint: equal, nothing pending; the table ahead, those records are replayed into windows and
totals without a new commit. A message without a value (a key but no value) is rejected as
invalid_json with that reason.

Options:
  --out <root>              Output root: a local folder or s3://bucket/prefix (required)
  --source <kind>           kinesis (default) or kafka
  --format <f>              delta (default): clean records as Delta table commits;
                            parquet: as stream/tables/ files
  --table-prefix <p>        Delta tables <p>_pin_table, <p>_geo_table, <p>_user_table
                            (letters, digits, _; default pinpipe, as pinpipe batch)
  --brokers <h:p,...>       Kafka bootstrap brokers (--source kafka, required)
  --topic-prefix <p>        Kafka topics <p>.pin, .geo, .user (--source kafka; default pinpipe)
  --group <name>            Kafka consumer group (--source kafka, required)
  --session-timeout <s>     How long the group waits for a silent member before moving its
                            partitions to the others (--source kafka; default 10; the broker's
                            group.min/max.session.timeout.ms bound it)
  --streams <p>,<g>,<u>     Streams of pin, geo and user records (default
                            ${DEFAULT_STREAM_NAMES.pin},${DEFAULT_STREAM_NAMES.geo},${DEFAULT_STREAM_NAMES.user})
  --from <position>         Where to start without a checkpoint: trim-horizon (the oldest
                            record kept, default) or latest (records arriving from the first
                            start on; that moment is kept in the checkpoints, so a restart
                            after a crash skips nothing)
  --until-idle <seconds>    Stop once every shard is caught up and no record came for this long
                            (default: run until SIGINT/SIGTERM)
  --batch-records <n>       Records per micro-batch of a shard (default 1000)
  --batch-seconds <s>       Longest a record waits before its batch is written (default 10)
  --poll-ms <ms>            Wait between reads of a caught-up shard (default 1000; AWS allows
                            five reads per second per shard)
  --max-record-bytes <size> Longest record kept (the data of a Kinesis record, or of one user
                            record of a KPL aggregate); a longer one is a rejected record with
                            its length as the reason. A number of bytes or a whole number with
                            B, KiB or MiB, e.g. 64KiB (default and largest: ${formatByteSize(KINESIS_MAX_RECORD_BYTES)}, Kinesis's
                            own limit)
  --clean-config <file>     Cleaning options as JSON (placeholder lists per column; JSON Schema:
                            toJsonSchema("cleanConfig") of @pinpipe/schemas), as analyze and batch
  --kinesis-endpoint <url>  Kinesis endpoint (default: the AWS SDK's, e.g. AWS_ENDPOINT_URL_KINESIS)
  --s3-endpoint <url>       S3 endpoint for an s3:// output (default: AWS_ENDPOINT_URL_S3, ...)
  -h, --help                Show this help

Progress (records/s and how far behind the newest record, per stream) goes to stderr; a summary
to stdout. SIGINT/SIGTERM: the current batches are written and checkpointed, exit 0.
Exit codes: 0 done, 1 failure, 2 usage error.`;

const OPTIONS = {
  out: { type: "string" },
  source: { type: "string" },
  format: { type: "string" },
  "table-prefix": { type: "string" },
  brokers: { type: "string" },
  "topic-prefix": { type: "string" },
  group: { type: "string" },
  "session-timeout": { type: "string" },
  streams: { type: "string" },
  from: { type: "string" },
  "until-idle": { type: "string" },
  "batch-records": { type: "string" },
  "batch-seconds": { type: "string" },
  "poll-ms": { type: "string" },
  "max-record-bytes": { type: "string" },
  "kinesis-endpoint": { type: "string" },
  "s3-endpoint": { type: "string" },
  "clean-config": { type: "string" },
} as const;

function rejectedByReason(counts: TableCounts): string {
  const parts = REJECT_REASONS.filter((reason) => counts.byReason[reason] > 0).map(
    (reason) => `${reason} ${counts.byReason[reason]}`,
  );
  return parts.length === 0 ? "" : `: ${parts.join(", ")}`;
}

function formatSummary(all: readonly StreamStats[], seconds: number): string {
  const lines = all.map(
    (s) =>
      `  ${s.table.padEnd(4)} ${s.stream}: ${s.run.in} records (${s.run.clean} clean, ${s.run.rejected} rejected${rejectedByReason(s.run)}) in ${s.run.batches} batches; all runs ${s.total.in} records${s.removedOnStart > 0 ? `; ${s.removedOnStart} uncommitted objects of an interrupted run removed` : ""}${s.run.late > 0 ? `; ${s.run.late} late for their window` : ""}`,
  );
  return [`pinpipe stream: stopped after ${seconds.toFixed(1)} s`, ...lines, ""].join("\n");
}

function formatKafkaSummary(all: readonly KafkaTableStats[], seconds: number, rebalances: number): string {
  const lines = all.map(
    (s) =>
      `  ${s.table.padEnd(4)} ${s.topic}: ${s.run.in} records (${s.run.clean} clean, ${s.run.rejected} rejected${rejectedByReason(s.run)}) in ${s.run.batches} batches${s.removedOnStart > 0 ? `; ${s.removedOnStart} uncommitted objects of an interrupted member removed` : ""}${s.replayed > 0 ? `; ${s.replayed} committed batches replayed` : ""}${s.refused > 0 ? `; ${s.refused} commits refused (partition taken over)` : ""}${s.run.late > 0 ? `; ${s.run.late} late for their window` : ""}`,
  );
  return [
    `pinpipe stream: stopped after ${seconds.toFixed(1)} s (${rebalances} rebalances seen)`,
    ...lines,
    "",
  ].join("\n");
}

const KINESIS_ONLY = ["streams", "from", "poll-ms", "kinesis-endpoint"] as const;
const KAFKA_ONLY = ["brokers", "topic-prefix", "group", "session-timeout"] as const;

function usage(message: string): CliError {
  return new CliError(`pinpipe stream: ${message} (see pinpipe stream --help)`, 2);
}

/**
 * `pinpipe stream`: Kinesis → clean → Parquet micro-batches, rejected records, windowed aggregates
 * and checkpoints, exactly once across restarts. See the help text for every option.
 *
 * @example
 * await streamCommand.run(["--out", "./lake", "--until-idle", "5"], context); // 0
 */
export const streamCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("stream", args, OPTIONS);
    if (positionals.length > 0) {
      throw new CliError(
        `pinpipe stream: unexpected argument "${positionals[0]}" (see pinpipe stream --help)`,
        2,
      );
    }
    if (values.out === undefined) {
      throw new CliError(
        "pinpipe stream: --out <dir | s3://bucket/prefix> is required (see pinpipe stream --help)",
        2,
      );
    }
    const source = choiceOption("stream", "source", values.source, ["kinesis", "kafka"], "kinesis");
    for (const name of source === "kafka" ? KINESIS_ONLY : KAFKA_ONLY) {
      if (values[name] !== undefined) throw usage(`--${name} is not for --source ${source}`);
    }
    const format = choiceOption("stream", "format", values.format, ["delta", "parquet"], "delta");
    const prefix = values["table-prefix"] ?? "pinpipe";
    const prefixProblem = tablePrefixProblem(prefix);
    if (prefixProblem !== null) throw usage(prefixProblem);
    if (format === "parquet" && values["table-prefix"] !== undefined) {
      throw usage("--table-prefix is for --format delta");
    }
    const streams = parseStreamNames("stream", values.streams);
    const from = choiceOption("stream", "from", values.from, ["trim-horizon", "latest"], "trim-horizon");
    const idleSeconds = numberOption(
      "stream",
      "until-idle",
      values["until-idle"],
      -1,
      86_400 * 365,
      undefined,
    );
    const batchRecords = integerOption(
      "stream",
      "batch-records",
      values["batch-records"],
      1,
      1_000_000,
      1_000,
    );
    const batchSeconds = numberOption("stream", "batch-seconds", values["batch-seconds"], 0, 86_400, 10);
    const pollMs = integerOption("stream", "poll-ms", values["poll-ms"], 0, 600_000, 1_000);
    const maxRecordBytes = byteSizeOption(
      "stream",
      "max-record-bytes",
      values["max-record-bytes"],
      1,
      KINESIS_MAX_RECORD_BYTES,
      KINESIS_MAX_RECORD_BYTES,
    );

    const clean = cleanConfigOption("stream", values["clean-config"], context.cwd);
    if (source === "kafka") {
      if (values.brokers === undefined) throw usage("--source kafka needs --brokers <host:port,...>");
      if (values.group === undefined || !/^[a-zA-Z0-9._-]{1,249}$/.test(values.group)) {
        throw usage("--source kafka needs --group <name> (1 to 249 of a-z A-Z 0-9 . _ -)");
      }
      let brokers: string[];
      try {
        brokers = parseKafkaBrokers(values.brokers);
      } catch (error) {
        if (error instanceof IngestInputError) throw usage(`--brokers: ${error.reason}`);
        throw error;
      }
      const topics = kafkaTopicNames(topicPrefixOption(values["topic-prefix"]));
      const sessionSeconds = numberOption(
        "stream",
        "session-timeout",
        values["session-timeout"],
        1,
        3_600,
        10,
      );
      return runKafkaStream(context, {
        out: values.out,
        tablePrefix: format === "delta" ? prefix : undefined,
        s3Endpoint: values["s3-endpoint"],
        brokers,
        topics,
        group: values.group,
        sessionMs: sessionSeconds * 1000,
        batchRecords,
        batchMs: batchSeconds * 1000,
        idleMs: idleSeconds === undefined ? undefined : idleSeconds * 1000,
        maxRecordBytes,
        clean,
      });
    }

    const kinesisOptions = {
      env: context.env,
      ...(values["kinesis-endpoint"] === undefined ? {} : { endpoint: values["kinesis-endpoint"] }),
    };
    const kinesis = createKinesisClient(kinesisOptions);
    // Local servers (kinesalite) cannot position an iterator at a time; AWS can.
    const scanForTimestamps = resolveAwsClientSettings("kinesis", kinesisOptions).customEndpoint;
    let s3: S3Client | undefined;
    const s3Client = (): S3Client => {
      s3 ??= createS3Client({
        env: context.env,
        ...(values["s3-endpoint"] === undefined ? {} : { endpoint: values["s3-endpoint"] }),
      });
      return s3;
    };
    const shutdown = listenForShutdown();
    const progress = new ProgressLine(context.stderr, context.interactive);
    const started = performance.now();
    let ticker: NodeJS.Timeout | undefined;
    try {
      const sink = openOutputSink(values.out, { cwd: context.cwd, s3Client });
      const root = parseStorageLocation(values.out, context.cwd);
      const job = runStream({
        client: kinesis,
        sink,
        streams,
        from,
        batchRecords,
        batchMs: batchSeconds * 1000,
        ...(idleSeconds === undefined ? {} : { idleMs: idleSeconds * 1000 }),
        pollIntervalMs: pollMs,
        maxRecordBytes,
        scanForTimestamps,
        clean,
        signal: shutdown.signal,
        ...(format === "delta"
          ? {
              deltaTable: (table: "pin" | "geo" | "user", stream: string) => {
                const definition = cleanTableDefinition(table, prefix);
                return {
                  storage: openDeltaTable(root, definition.name!, s3Client),
                  definition,
                  appId: streamAppId(stream),
                };
              },
            }
          : {}),
      });
      let previous = { at: performance.now(), records: [0, 0, 0] };
      ticker = setInterval(() => {
        progress.show(() => {
          const now = performance.now();
          const all = job.stats();
          const seconds = Math.max((now - previous.at) / 1000, 0.001);
          const parts = all.map((s, i) => {
            const rate = (s.run.in - (previous.records[i] ?? 0)) / seconds;
            const behind = s.behindMs === undefined ? "?" : (s.behindMs / 1000).toFixed(1);
            return `${s.table} ${s.run.in} (${rate.toFixed(0)}/s, ${behind} s behind)`;
          });
          previous = { at: now, records: all.map((s) => s.run.in) };
          return `pinpipe stream: ${parts.join(" | ")}`;
        });
      }, 250);
      const all = await job.done;
      progress.finish();
      context.stdout.write(formatSummary(all, (performance.now() - started) / 1000));
      if (format === "delta") {
        for (const s of all) {
          const name = cleanTableDefinition(s.table, prefix).name!;
          context.stdout.write(
            `  ${s.table.padEnd(4)} Delta table ${sink.location}/tables/${name}${s.tableVersion === undefined ? "" : ` at version ${s.tableVersion}`}\n`,
          );
        }
      }
      return 0;
    } finally {
      if (ticker !== undefined) clearInterval(ticker);
      shutdown.dispose();
      kinesis.destroy();
      s3?.destroy();
    }
  },
};

interface KafkaStreamSettings {
  readonly out: string;
  /** The Delta tables' prefix (--format delta), or undefined for stream/tables/ Parquet files. */
  readonly tablePrefix: string | undefined;
  readonly s3Endpoint: string | undefined;
  readonly brokers: readonly string[];
  readonly topics: Readonly<Record<"pin" | "geo" | "user", string>>;
  readonly group: string;
  readonly sessionMs: number;
  readonly batchRecords: number;
  readonly batchMs: number;
  readonly idleMs: number | undefined;
  readonly maxRecordBytes: number;
  readonly clean: ReturnType<typeof cleanConfigOption>;
}

/** `pinpipe stream --source kafka`: one member of the consumer group until idle or a signal. */
async function runKafkaStream(context: CommandContext, settings: KafkaStreamSettings): Promise<number> {
  let s3: S3Client | undefined;
  const s3Client = (): S3Client => {
    s3 ??= createS3Client({
      env: context.env,
      ...(settings.s3Endpoint === undefined ? {} : { endpoint: settings.s3Endpoint }),
    });
    return s3;
  };
  const shutdown = listenForShutdown();
  const progress = new ProgressLine(context.stderr, context.interactive);
  const started = performance.now();
  let ticker: NodeJS.Timeout | undefined;
  try {
    const sink = openOutputSink(settings.out, { cwd: context.cwd, s3Client });
    const prefix = settings.tablePrefix;
    const root = parseStorageLocation(settings.out, context.cwd);
    const deltaTable = (table: "pin" | "geo" | "user") => {
      const definition = cleanTableDefinition(table, prefix!);
      return { storage: openDeltaTable(root, definition.name!, s3Client), definition };
    };
    const partitions = await kafkaTopicPartitions({
      brokers: settings.brokers,
      topics: Object.values(settings.topics),
      clientId: "pinpipe-stream",
    });
    const missing = Object.values(settings.topics).filter((topic) => !partitions.has(topic));
    if (missing.length > 0) {
      throw new CliError(
        `pinpipe stream: topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not found on ${settings.brokers.join(",")} (create them, e.g. with pinpipe emulate --to kafka, or check --topic-prefix)`,
        1,
      );
    }
    const source = await openKafkaGroupSource({
      brokers: settings.brokers,
      group: settings.group,
      topics: Object.values(settings.topics),
      clientId: "pinpipe-stream",
      sessionTimeoutMs: settings.sessionMs,
      heartbeatIntervalMs: Math.max(100, Math.min(1_000, Math.floor(settings.sessionMs / 4))),
    });
    const job = consumeKafkaTopics({
      source,
      sink,
      topics: settings.topics,
      batchRecords: settings.batchRecords,
      batchMs: settings.batchMs,
      ...(settings.idleMs === undefined ? {} : { idleMs: settings.idleMs }),
      maxRecordBytes: settings.maxRecordBytes,
      clean: settings.clean,
      signal: shutdown.signal,
      ...(prefix === undefined
        ? {}
        : { delta: { pin: deltaTable("pin"), geo: deltaTable("geo"), user: deltaTable("user") } }),
    });
    ticker = setInterval(() => {
      progress.show(
        () =>
          `pinpipe stream: ${job
            .stats()
            .map((s) => `${s.table} ${s.run.in} (${s.partitions} partitions, ${s.buffered} buffered)`)
            .join(" | ")}`,
      );
    }, 250);
    const all = await job.done;
    progress.finish();
    context.stdout.write(formatKafkaSummary(all, (performance.now() - started) / 1000, job.rebalances()));
    if (prefix !== undefined) {
      for (const s of all) {
        const name = cleanTableDefinition(s.table, prefix).name!;
        context.stdout.write(
          `  ${s.table.padEnd(4)} Delta table ${sink.location}/tables/${name}${s.tableVersion === undefined ? "" : ` at version ${s.tableVersion}`}\n`,
        );
      }
    }
    return 0;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    shutdown.dispose();
    s3?.destroy();
  }
}
