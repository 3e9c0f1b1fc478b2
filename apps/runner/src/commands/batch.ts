import type { S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { BatchProgress } from "../batch/batchProgress";
import { describeError } from "../batch/describeError";
import { NoRecordsError, OutputError, runBatch } from "../batch/runBatch";
import { defaultRunId, validateRunId } from "../batch/runId";
import { NoTopicMatchError } from "../batch/selectTopics";
import { SourceError } from "../batch/sourceError";
import { DEFAULT_SOURCE_LIMITS } from "../batch/sourceLimits";
import { cleanConfigOption } from "../cleanConfigOption";
import { CliError, type Command, type CommandContext } from "../command";
import { tablePrefixProblem } from "../delta/deltaTableOptions";
import { writeDeltaTables } from "../delta/writeDeltaTables";
import {
  LocalOutputSink,
  type OutputSink,
  parseStorageLocation,
  S3OutputSink,
  type StorageLocation,
} from "../output/index";
import { byteSizeOption, formatByteSize } from "../parseByteSize";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";
import { topicsRegexOption } from "../topicsRegexOption";

/** Lines are decoded as one string, which V8 caps at about 512 MiB. */
const LARGEST_MAX_LINE_BYTES = 256 * 1024 * 1024;
const LARGEST_MAX_DECOMPRESSED_BYTES = 1024 ** 4;

const HELP = `Usage: pinpipe batch --source <dir | s3://bucket/prefix> --out <dir | s3://bucket/prefix> [options]

Reads the raw pin, geo and user topics (Kafka Connect S3 sink layout:
topics/<prefix>.pin/partition=<p>/<prefix>.pin+<p>+<offset>.json[.gz], likewise .geo and .user;
or any .json/.ndjson/.jsonl[.gz] NDJSON file whose name or folder names its table), cleans every
record (and with --dedupe drops exact duplicates) and writes one run to <out>/runs/<run-id>/:

  tables/pin/category=<c>/part-00000.parquet      clean tables, Hive-style partitions
  tables/geo/post_year=<yyyy>/part-00000.parquet  (null: __HIVE_DEFAULT_PARTITION__)
  tables/user/join_year=<yyyy>/part-00000.parquet
  rejected/<table>.ndjson                         rejected records: position, reason, their
                                                  exact bytes, issues
  results/<q>.json, results/<q>.csv               the eight queries (q1 q2 q3 q3_top q4 .. q8)
  manifest.json                                   written last: counts, files, sha256

Partition values in folder names are escaped as Hive does (%XX); a folder name over 200 bytes is
cut and ends in "~" and 16 hex digits of the value's SHA-256. Every Parquet file holds all of its
table's columns, category too: readers that take a column found in both the folder name and the
file from the folder (Spark, DuckDB with hive_partitioning) show such a long category cut; read
the files without Hive partitioning to get it whole.

With --format delta (the default) the run is then committed to three Delta Lake tables under
<out>/tables/, read as tables by Spark, Databricks, delta-rs, DuckDB or Trino:

  tables/<prefix>_pin_table/category=<c>/part-00000-<run-id>-<8 hex>.parquet
  tables/<prefix>_geo_table/post_year=<yyyy>/…   (post_year, join_year: integer columns)
  tables/<prefix>_user_table/join_year=<yyyy>/…
  tables/<prefix>_<t>_table/_delta_log/          the transaction log

one commit per table per run: the run's files are added; rerunning a run id removes the files its
earlier run added in the same commit, so rows never duplicate and the history shows both.

A run folder without manifest.json is unfinished. Re-running a run id removes that run's files
(manifest first) before writing the first new one; the same input and options give byte-identical
files, whatever the number of threads.

Options:
  --source <loc>       Raw records: a local folder or s3://bucket/prefix (required)
  --out <loc>          Output root: a local folder or s3://bucket/prefix (required)
  --run-id <id>        Run folder name: letters, digits, ".", "_", "-" (default: today's UTC
                       date, YYYY-MM-DD)
  --topics-regex <regex>
                       Read only the Kafka Connect objects (<topic>+<partition>+<offset>.json)
                       of the topics the regular expression matches whole, as connect-s3's
                       --topics-regex (e.g. '0a1b\\.(pin|geo|user)' when one folder holds
                       several prefixes); other record files are left out and counted on
                       stderr. Matching no topic of the source is a usage error (default: every
                       record file)
  --dedupe             Drop clean records equal in every column to an earlier one, per table, as
                       Spark's dropDuplicates(); counted as duplicates in the manifest
  --no-dedupe          Keep duplicate records (default, as analyze: the original pipeline kept
                       them, and its published results count them)
  --clean-config <file>
                       Cleaning options as JSON (placeholder lists per column; JSON Schema:
                       toJsonSchema("cleanConfig") of @pinpipe/schemas), recorded in the manifest
  --workers <n>        Worker threads that read a local source of 64 MiB or more and encode
                       its Parquet row groups (default: the number of CPU cores); the output
                       does not depend on it
  --median <m>         lower: the lower middle value (percentile_disc, default);
                       exact: the mean of the two middle values (percentile_cont)
  --ties <t>           all: every tied winner is a row (rank() = 1, default);
                       first: one winner per group, the smallest name (row_number() = 1)
  --max-line-bytes <size>
                       Longest line (record) kept; a longer one is a rejected record with its
                       length as the reason (default ${formatByteSize(DEFAULT_SOURCE_LIMITS.maxLineBytes)}, at most ${formatByteSize(LARGEST_MAX_LINE_BYTES)})
  --max-decompressed-bytes <size>
                       Most bytes one gzipped file or object may inflate to; the rest of it is
                       one rejected record saying so (default ${formatByteSize(DEFAULT_SOURCE_LIMITS.maxDecompressedBytes)})
  --s3-endpoint <url>  S3 endpoint (default: the AWS SDK's configuration, e.g.
                       AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, region and credential chain;
                       AWS_MAX_ATTEMPTS bounds retries)
  -h, --help           Show this help

Sizes are a number of bytes, or a whole number with B, KiB, MiB, GiB or TiB (64KiB, 16MiB).
Both limits are recorded in the manifest's options.

Progress goes to stderr (a redrawn line on a terminal, plain lines otherwise); the run folder's
location is printed on stdout.
Exit codes: 0 done; 1 failure (source or output unreadable or unreachable); 2 usage error;
3 no records in the source (nothing written).`;

const OPTIONS = {
  source: { type: "string" },
  out: { type: "string" },
  "run-id": { type: "string" },
  dedupe: { type: "boolean" },
  median: { type: "string" },
  ties: { type: "string" },
  "max-line-bytes": { type: "string" },
  "max-decompressed-bytes": { type: "string" },
  "s3-endpoint": { type: "string" },
  "clean-config": { type: "string" },
  workers: { type: "string" },
  format: { type: "string" },
  "table-prefix": { type: "string" },
  "topics-regex": { type: "string" },
} as const;

function usage(message: string): CliError {
  return new CliError(`pinpipe batch: ${message} (see pinpipe batch --help)`, 2);
}

function locationOption(name: string, value: string | undefined, cwd: string): StorageLocation {
  if (value === undefined) throw usage(`--${name} is required`);
  try {
    return parseStorageLocation(value, cwd);
  } catch (error) {
    throw usage(`--${name}: ${(error as Error).message}`);
  }
}

function workersOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(text))
    throw usage(`--workers must be a whole number from 1 to 999, got "${text}"`);
  return Number(text);
}

function maxAttemptsOf(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.AWS_MAX_ATTEMPTS?.trim();
  if (text === undefined || text === "") return undefined;
  if (!/^[1-9]\d{0,2}$/.test(text)) throw usage(`AWS_MAX_ATTEMPTS must be a positive integer, got "${text}"`);
  return Number(text);
}

/**
 * `pinpipe batch --source <loc> --out <loc>`: raw topics → clean, deduplicated Parquet tables,
 * rejected records, the eight query results and a manifest, as one run folder. See the help text.
 *
 * @example
 * await batchCommand.run(["--source", "./raw", "--out", "s3://lake/pinpipe", "--run-id", "2026-11-23"], context); // 0
 */
export const batchCommand: Command = {
  help: HELP,
  async run(args, context: CommandContext) {
    const { values, positionals } = parseCommandArgs("batch", args, OPTIONS);
    if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`);
    const source = locationOption("source", values.source, context.cwd);
    const out = locationOption("out", values.out, context.cwd);
    let runId: string;
    try {
      runId = validateRunId(values["run-id"] ?? defaultRunId(new Date()));
    } catch (error) {
      throw usage(`--run-id: ${(error as Error).message}`);
    }
    const median = choiceOption("batch", "median", values.median, ["lower", "exact"], "lower");
    const ties = choiceOption("batch", "ties", values.ties, ["all", "first"], "all");
    const format = choiceOption("batch", "format", values.format, ["delta", "parquet"], "delta");
    const prefix = values["table-prefix"] ?? "pinpipe";
    const prefixProblem = tablePrefixProblem(prefix);
    if (prefixProblem !== null) throw usage(prefixProblem);
    const limits = {
      maxLineBytes: byteSizeOption(
        "batch",
        "max-line-bytes",
        values["max-line-bytes"],
        1,
        LARGEST_MAX_LINE_BYTES,
        DEFAULT_SOURCE_LIMITS.maxLineBytes,
      ),
      maxDecompressedBytes: byteSizeOption(
        "batch",
        "max-decompressed-bytes",
        values["max-decompressed-bytes"],
        1,
        LARGEST_MAX_DECOMPRESSED_BYTES,
        DEFAULT_SOURCE_LIMITS.maxDecompressedBytes,
      ),
    };
    const topics = topicsRegexOption("batch", values["topics-regex"]);
    const maxAttempts = maxAttemptsOf(context.env);

    let client: S3Client | undefined;
    const s3Client = (): S3Client => {
      client ??= createS3Client({
        env: context.env,
        ...(values["s3-endpoint"] === undefined ? {} : { endpoint: values["s3-endpoint"] }),
        ...(maxAttempts === undefined ? {} : { maxAttempts }),
      });
      return client;
    };
    const progress = new BatchProgress(context.stderr, context.interactive);
    try {
      const sink: OutputSink =
        out.kind === "local"
          ? new LocalOutputSink(out.path)
          : new S3OutputSink(s3Client(), out.bucket, out.prefix);
      const manifest = await runBatch({
        source,
        out: sink,
        runId,
        dedupe: values.dedupe === true,
        clean: cleanConfigOption("batch", values["clean-config"], context.cwd),
        threads: workersOption(values.workers),
        median,
        ties,
        limits,
        s3Client,
        progress,
        topics,
      });
      if (format === "delta") {
        const tables = await writeDeltaTables({ out, runId, prefix, files: manifest.files, s3Client }).catch(
          (error: unknown) => {
            throw new OutputError(`cannot commit the Delta tables: ${describeError(error)}`);
          },
        );
        for (const table of tables) {
          progress.line(
            `${table.location}: version ${table.version}, ${table.rows.toLocaleString("en-US")} rows in ${table.added} files added${table.removed > 0 ? `, ${table.removed} files of the earlier run ${runId} removed` : ""}`,
          );
        }
      }
      context.stdout.write(`${sink.location}/runs/${runId}\n`);
      return 0;
    } catch (error) {
      if (error instanceof NoRecordsError) throw new CliError(`pinpipe batch: ${error.message}`, 3);
      if (error instanceof NoTopicMatchError) throw usage(error.message);
      if (error instanceof SourceError || error instanceof OutputError) {
        throw new CliError(`pinpipe batch: ${error.message}`, 1);
      }
      if (error instanceof RangeError && /endpoint/.test(error.message)) throw usage(error.message);
      throw error;
    } finally {
      progress.finish();
      client?.destroy();
    }
  },
};
