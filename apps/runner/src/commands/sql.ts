import { DEFAULT_MAX_LINE_BYTES, SQL_DIALECTS, type SqlDialect } from "@pinpipe/clean/sql";
import { cleanConfigOption } from "../cleanConfigOption";
import { CliError, type Command } from "../command";
import { byteSizeOption, formatByteSize } from "../parseByteSize";
import { choiceOption, parseCommandArgs } from "../parseCommandArgs";
import { pipelineSqlBundle, pipelineSqlScript } from "../sql/pipelineSql";

const LARGEST_MAX_LINE_BYTES = 1024 ** 3;

const HELP = `Usage: pinpipe sql --dialect spark|duckdb [options]

Prints the whole pipeline as SQL for your own engine: the cleaning of the pin, geo and user
records (generated from the same rules and options as pinpipe's cleaners) and the eight batch
queries, for Spark SQL 4 or DuckDB. Nothing is read or run.

The SQL reads three views you create: raw_pin, raw_geo and raw_user, one row per non-blank raw
line, with columns line (the record's JSON text) and position (anything, e.g. file and line; it
is carried to the rejected records). It creates the clean views pin, geo and user_data (the
clean columns in pinpipe's order), the rejected records pin_rejected, geo_rejected and
user_rejected (position, reason, line), then runs q1, q2, q3, q3_top, q4, q5, q6, q7, q8.
Where an engine's JSON reader differs from pinpipe's, see docs/spark.md.

Options:
  --dialect <d>       spark: Spark SQL 4 (ANSI mode on or off); duckdb: DuckDB (required)
  --clean-config <file>
                      Cleaning options as JSON (placeholder lists per column; JSON Schema:
                      toJsonSchema("cleanConfig") of @pinpipe/schemas)
  --dedupe            The clean views drop rows equal in every column to another (default: off,
                      as in pinpipe batch)
  --median <m>        lower: percentile_disc(0.5) (default); exact: percentile_cont(0.5)
  --ties <t>          all: every tied winner (rank() = 1, default); first: one winner per group,
                      the smallest name (row_number() = 1)
  --max-line-bytes <size>
                      Longer lines are rejected as too_long (default ${formatByteSize(DEFAULT_MAX_LINE_BYTES)})
  --json              Print the SQL as the JSON file spark/pinpipe_job.py reads (--sql): every
                      dedupe, median and ties variant, so --dedupe, --median and --ties are not
                      used; the cleaning options and line limit are fixed in it
  -h, --help          Show this help

Exit codes: 0 printed, 2 usage error.`;

/**
 * `pinpipe sql --dialect spark|duckdb`: prints the cleaning and the eight queries as SQL (or, with
 * `--json`, the bundle the Spark job reads). See the help text for every option.
 *
 * @example
 * await sqlCommand.run(["--dialect", "duckdb"], context); // 0; the SQL script on stdout
 */
export const sqlCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("sql", args, {
      dialect: { type: "string" },
      "clean-config": { type: "string" },
      dedupe: { type: "boolean" },
      median: { type: "string" },
      ties: { type: "string" },
      "max-line-bytes": { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length > 0) {
      throw new CliError(`pinpipe sql: unexpected argument ${positionals[0]} (see pinpipe sql --help)`, 2);
    }
    if (values.dialect === undefined) {
      throw new CliError("pinpipe sql: --dialect spark|duckdb is required (see pinpipe sql --help)", 2);
    }
    const dialect: SqlDialect = choiceOption("sql", "dialect", values.dialect, SQL_DIALECTS, "spark");
    const clean = cleanConfigOption("sql", values["clean-config"], context.cwd);
    const maxLineBytes = byteSizeOption(
      "sql",
      "max-line-bytes",
      values["max-line-bytes"],
      1,
      LARGEST_MAX_LINE_BYTES,
      DEFAULT_MAX_LINE_BYTES,
    );
    if (values.json === true) {
      context.stdout.write(`${JSON.stringify(pipelineSqlBundle(dialect, clean, maxLineBytes), null, 2)}\n`);
      return 0;
    }
    context.stdout.write(
      pipelineSqlScript({
        dialect,
        clean,
        maxLineBytes,
        dedupe: values.dedupe === true,
        median: choiceOption("sql", "median", values.median, ["lower", "exact"], "lower"),
        ties: choiceOption("sql", "ties", values.ties, ["all", "first"], "all"),
      }),
    );
    return 0;
  },
};
