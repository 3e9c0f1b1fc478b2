import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { isAnalyzeWorker, serveAnalyzeWorker } from "../analyze/analyzeWorker";
import { formatAccounting } from "../analyze/formatAccounting";
import { formatResultTables } from "../analyze/formatResultTables";
import { DEFAULT_READ_LIMITS } from "../analyze/pieceReader";
import { ProgressReporter } from "../analyze/progressReporter";
import { runAnalyze } from "../analyze/runAnalyze";
import { cleanConfigOption } from "../cleanConfigOption";
import { CliError, type Command, type CommandContext } from "../command";
import { byteSizeOption, formatByteSize } from "../parseByteSize";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";

const MAX_WORKERS = 256;
/** Lines are gathered in memory and decoded as one string, which V8 caps at about 512 MiB. */
const LARGEST_MAX_LINE_BYTES = 256 * 1024 * 1024;
const LARGEST_MAX_DECOMPRESSED_BYTES = 1024 ** 4;

const HELP = `Usage: pinpipe analyze <dir> [options]

Reads raw pin, geo and user records from <dir> (or one file), cleans them as @pinpipe/clean
does and prints the eight batch query results.

<dir> may hold the Kafka Connect S3 sink layout
(topics/<prefix>.pin/partition=<p>/<prefix>.pin+<p>+<offset>.json, likewise .geo and .user;
one or more records per object) and/or plain NDJSON files, one JSON record per line, named
.json, .ndjson or .jsonl, optionally gzipped (.gz). A Kafka Connect object's table is its
topic's; any other file's table is the one of pin, geo, user its name mentions
(pinterest_data.ndjson, geolocation_data.ndjson, user_data.ndjson), else the one its nearest
folder's name mentions. Hidden files and folders are skipped, as are files whose table cannot
be told (listed on stderr).

Bad lines (not JSON, not an object, no valid key, too long) never stop the run: they are counted.
On stderr, a summary accounts for every record: in = clean + rejected + duplicates, with
rejections by reason; --json adds the same counts (by reason, rule and field) as batch's manifest.

Options:
  --json              Print one JSON object on stdout with keys q1, q2, q3, q3_top, q4, q5,
                      q6, q7, q8, each an array of row objects, "counts" (per table, as in
                      batch's manifest) and "options" (default: aligned text tables)
  --dedupe            Drop clean records equal in every column to an earlier one, per table
                      (Spark dropDuplicates) before the queries
  --no-dedupe         Keep duplicate records (default, as the published Spark jobs do: a
                      repeated ind multiplies through the joins)
  --clean-config <file>
                      Cleaning options as JSON (placeholder lists per column; JSON Schema:
                      toJsonSchema("cleanConfig") of @pinpipe/schemas)
  --median <m>        lower: the lower middle value (percentile_disc, default);
                      exact: the mean of the two middle values (percentile_cont)
  --ties <t>          all: every tied winner is a row (rank() = 1, default);
                      first: one winner per group, the smallest name (row_number() = 1)
  --workers <n>       Threads reading and cleaning in parallel, the main thread included
                      (default: the number of CPU cores, here ${availableParallelism()}; 1 for inputs
                      under 64 MB); 0 or 1: the main thread alone
  --max-line-bytes <size>
                      Longest line kept; a longer one is skipped and counted as a too_long
                      rejection (default ${formatByteSize(DEFAULT_READ_LIMITS.maxLineBytes)}, at most ${formatByteSize(LARGEST_MAX_LINE_BYTES)})
  --max-decompressed-bytes <size>
                      Most bytes one .gz file may inflate to; the rest of it is skipped, counted
                      as one too_long rejection and named in the summary (default ${formatByteSize(DEFAULT_READ_LIMITS.maxDecompressedBytes)})
  -h, --help          Show this help

Sizes are a number of bytes, or a whole number with B, KiB, MiB, GiB or TiB (64KiB, 16MiB).

Progress goes to stderr: one redrawn line on a terminal, a line every 5 s otherwise.
Exit codes: 0 done (even with rejected lines), 1 failure, 2 usage error.`;

function workersOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const workers = Number(value);
  if (!/^\d+$/.test(value) || workers > MAX_WORKERS) {
    throw new CliError(
      `pinpipe analyze: --workers must be an integer from 0 to ${MAX_WORKERS}, got "${value}"`,
      2,
    );
  }
  return workers;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function writeSummary(
  context: CommandContext,
  run: Awaited<ReturnType<typeof runAnalyze>>,
  dedupe: boolean,
  started: number,
): void {
  const threads =
    run.threads === 1
      ? "on the main thread"
      : `on ${run.threads} threads (the main thread and ${run.threads - 1} worker${run.threads === 2 ? "" : "s"})`;
  const lines = [
    `pinpipe analyze: ${run.files} files, ${(run.bytes / 1e6).toFixed(1)} MB read ${threads} in ${seconds(started)} s` +
      ` (reading and cleaning ${run.readSeconds.toFixed(2)} s, queries ${run.querySeconds.toFixed(2)} s)`,
    ...formatAccounting(run.accounting, dedupe).map((line) => `  ${line}`),
  ];
  if (run.unclassified.length > 0) {
    const shown = run.unclassified.slice(0, 5).join(", ");
    const more = run.unclassified.length > 5 ? `, … (${run.unclassified.length - 5} more)` : "";
    lines.push(
      `  skipped ${run.unclassified.length} files whose path names no pin, geo or user table: ${shown}${more}`,
    );
  }
  for (const error of run.fileErrors) lines.push(`  could not read all of ${error.file}: ${error.reason}`);
  context.stderr.write(`${lines.join("\n")}\n`);
}

/**
 * `pinpipe analyze <dir>`: raw records from a local folder → clean → the eight queries, on worker
 * threads over columnar tables. See the help text for every option.
 *
 * @example
 * await analyzeCommand.run(["./data", "--json"], context); // 0, JSON on context.stdout
 */
export const analyzeCommand: Command = {
  help: HELP,
  async run(args, context) {
    // Worker threads run the CLI entry too; there, this command serves read tasks.
    if (isAnalyzeWorker()) return serveAnalyzeWorker();
    const started = performance.now();
    const { values, positionals } = parseCommandArgs("analyze", args, {
      json: { type: "boolean" },
      dedupe: { type: "boolean" },
      median: { type: "string" },
      ties: { type: "string" },
      workers: { type: "string" },
      "max-line-bytes": { type: "string" },
      "max-decompressed-bytes": { type: "string" },
      "clean-config": { type: "string" },
    });
    if (positionals.length !== 1) {
      throw new CliError(
        `pinpipe analyze: expected one input folder, got ${positionals.length} (see pinpipe analyze --help)`,
        2,
      );
    }
    const dedupe = values.dedupe === true;
    const limits = {
      maxLineBytes: byteSizeOption(
        "analyze",
        "max-line-bytes",
        values["max-line-bytes"],
        1,
        LARGEST_MAX_LINE_BYTES,
        DEFAULT_READ_LIMITS.maxLineBytes,
      ),
      maxDecompressedBytes: byteSizeOption(
        "analyze",
        "max-decompressed-bytes",
        values["max-decompressed-bytes"],
        1,
        LARGEST_MAX_DECOMPRESSED_BYTES,
        DEFAULT_READ_LIMITS.maxDecompressedBytes,
      ),
    };
    const run = await runAnalyze(
      {
        input: resolve(context.cwd, positionals[0]!),
        dedupe,
        median: choiceOption("analyze", "median", values.median, ["lower", "exact"], "lower"),
        ties: choiceOption("analyze", "ties", values.ties, ["all", "first"], "all"),
        threads: workersOption(values.workers),
        limits,
        clean: cleanConfigOption("analyze", values["clean-config"], context.cwd),
      },
      (totals) => new ProgressReporter(context.stderr, context.interactive, totals),
    );
    context.stdout.write(
      values.json === true
        ? `${JSON.stringify({ ...run.results, counts: run.accounting, options: run.options })}\n`
        : formatResultTables(run.results),
    );
    writeSummary(context, run, dedupe, started);
    return 0;
  },
};
