import type { S3Client } from "@aws-sdk/client-s3";
import { cleanTableDefinition, vacuumTable } from "@pinpipe/delta";
import { createS3Client } from "@pinpipe/ingest";
import { describeError } from "../batch/describeError";
import { CliError, type Command } from "../command";
import { tablePrefixProblem, tablesOption } from "../delta/deltaTableOptions";
import { openDeltaTable } from "../delta/openDeltaTable";
import { parseStorageLocation } from "../output/index";
import { parseCommandArgs } from "../parseCommandArgs";

const HELP = `Usage: pinpipe vacuum <out> [options]

Deletes the data files of the Delta tables under <out>/tables/ (a local folder or s3://bucket/prefix)
that the current version does not reference and that were removed (by a rerun or pinpipe optimize),
or last written, longer ago than the retention period; then records a VACUUM END commit. The log is
never touched. Versions older than the retention may no longer be readable afterwards. A writer
running at the same time is safe as long as its uncommitted files are younger than the retention.

Options:
  --retention-hours <h>  Keep files removed less than this many hours ago (default 168, a week;
                         0 deletes every unreferenced file: only with no writer running)
  --dry-run              Print what would be deleted, delete nothing
  --table-prefix <p>     Tables <p>_pin_table, <p>_geo_table, <p>_user_table (default pinpipe)
  --tables <list>        Which tables, e.g. pin,geo (default pin,geo,user)
  --s3-endpoint <url>    S3 endpoint for an s3:// <out> (default: the AWS SDK's configuration)
  -h, --help             Show this help

Exit codes: 0 done; 1 a table could not be read or changed; 2 usage error.`;

function usage(message: string): CliError {
  return new CliError(`pinpipe vacuum: ${message} (see pinpipe vacuum --help)`, 2);
}

/**
 * `pinpipe vacuum <out>`: deletes unreferenced data files of the batch Delta tables older than the
 * retention. See the help text.
 *
 * @example
 * await vacuumCommand.run(["./pinpipe-out", "--retention-hours", "0"], context); // 0
 */
export const vacuumCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("vacuum", args, {
      "retention-hours": { type: "string" },
      "dry-run": { type: "boolean" },
      "table-prefix": { type: "string" },
      tables: { type: "string" },
      "s3-endpoint": { type: "string" },
    });
    if (positionals.length !== 1) throw usage(`expected one output root, got ${positionals.length}`);
    const prefix = values["table-prefix"] ?? "pinpipe";
    const problem = tablePrefixProblem(prefix);
    if (problem !== null) throw usage(problem);
    const hoursText = values["retention-hours"] ?? "168";
    if (!/^\d{1,6}(\.\d+)?$/.test(hoursText)) {
      throw usage(`--retention-hours must be a non-negative number, got "${hoursText}"`);
    }
    let tables: ReturnType<typeof tablesOption>;
    let root: ReturnType<typeof parseStorageLocation>;
    try {
      tables = tablesOption(values.tables);
      root = parseStorageLocation(positionals[0]!, context.cwd);
    } catch (error) {
      throw usage((error as Error).message);
    }
    let client: S3Client | undefined;
    const s3Client = () => {
      const endpoint = values["s3-endpoint"];
      client ??= createS3Client({ env: context.env, ...(endpoint === undefined ? {} : { endpoint }) });
      return client;
    };
    try {
      for (const table of tables) {
        const storage = openDeltaTable(root, cleanTableDefinition(table, prefix).name!, s3Client);
        const outcome = await vacuumTable(storage, {
          retentionMs: Number(hoursText) * 3_600_000,
          dryRun: values["dry-run"] === true,
        }).catch((error: unknown) => {
          throw new CliError(`pinpipe vacuum: ${storage.location}: ${describeError(error)}`, 1);
        });
        for (const path of outcome.deleted)
          context.stdout.write(
            `${values["dry-run"] ? "would delete" : "deleted"} ${storage.location}/${path}\n`,
          );
        context.stdout.write(
          `${storage.location}: ${outcome.deleted.length} files ${values["dry-run"] ? "to delete" : "deleted"}${outcome.version === null ? "" : `, version ${outcome.version}`}\n`,
        );
      }
      return 0;
    } finally {
      client?.destroy();
    }
  },
};
