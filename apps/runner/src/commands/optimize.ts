import type { S3Client } from "@aws-sdk/client-s3";
import { cleanTableDefinition, optimizeCleanTable } from "@pinpipe/delta";
import { createS3Client } from "@pinpipe/ingest";
import { describeError } from "../batch/describeError";
import { CliError, type Command } from "../command";
import { tablePrefixProblem, tablesOption } from "../delta/deltaTableOptions";
import { openDeltaTable } from "../delta/openDeltaTable";
import { parseStorageLocation } from "../output/index";
import { byteSizeOption } from "../parseByteSize";
import { parseCommandArgs } from "../parseCommandArgs";

const HELP = `Usage: pinpipe optimize <out> [options]

Compacts the small files of the Delta tables that pinpipe batch wrote under <out>/tables/ (a local
folder or s3://bucket/prefix): the files of one partition and one batch run are rewritten as one
file and committed as an OPTIMIZE version (dataChange false: the rows do not change, readers of
changes skip it). Appending writers may run at the same time; a concurrent rerun that removes one of
the chosen files makes it fail without changing the table. Old files stay for time travel until
pinpipe vacuum deletes them.

Options:
  --table-prefix <p>   Tables <p>_pin_table, <p>_geo_table, <p>_user_table (default pinpipe)
  --tables <list>      Which tables, e.g. pin,geo (default pin,geo,user)
  --small-file-bytes <size>
                       Files smaller than this are compacted (default 64MiB)
  --s3-endpoint <url>  S3 endpoint for an s3:// <out> (default: the AWS SDK's configuration)
  -h, --help           Show this help

Exit codes: 0 done (also when nothing needed compacting); 1 a table could not be read or committed;
2 usage error.`;

function usage(message: string): CliError {
  return new CliError(`pinpipe optimize: ${message} (see pinpipe optimize --help)`, 2);
}

/**
 * `pinpipe optimize <out>`: compacts small files of the batch Delta tables, one OPTIMIZE commit per
 * table that had any. See the help text.
 *
 * @example
 * await optimizeCommand.run(["./pinpipe-out"], context); // 0
 */
export const optimizeCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("optimize", args, {
      "table-prefix": { type: "string" },
      tables: { type: "string" },
      "small-file-bytes": { type: "string" },
      "s3-endpoint": { type: "string" },
    });
    if (positionals.length !== 1) throw usage(`expected one output root, got ${positionals.length}`);
    const prefix = values["table-prefix"] ?? "pinpipe";
    const problem = tablePrefixProblem(prefix);
    if (problem !== null) throw usage(problem);
    let tables: ReturnType<typeof tablesOption>;
    let root: ReturnType<typeof parseStorageLocation>;
    try {
      tables = tablesOption(values.tables);
      root = parseStorageLocation(positionals[0]!, context.cwd);
    } catch (error) {
      throw usage((error as Error).message);
    }
    const smallFileBytes = byteSizeOption(
      "optimize",
      "small-file-bytes",
      values["small-file-bytes"],
      1,
      1024 ** 4,
      64 * 1024 * 1024,
    );
    let client: S3Client | undefined;
    const s3Client = () => {
      const endpoint = values["s3-endpoint"];
      client ??= createS3Client({ env: context.env, ...(endpoint === undefined ? {} : { endpoint }) });
      return client;
    };
    try {
      for (const table of tables) {
        const name = cleanTableDefinition(table, prefix).name!;
        const storage = openDeltaTable(root, name, s3Client);
        const outcome = await optimizeCleanTable(storage, table, prefix, { smallFileBytes }).catch(
          (error: unknown) => {
            throw new CliError(`pinpipe optimize: ${storage.location}: ${describeError(error)}`, 1);
          },
        );
        context.stdout.write(
          outcome.version === null
            ? `${storage.location}: nothing to compact\n`
            : `${storage.location}: version ${outcome.version}, ${outcome.removed} files compacted into ${outcome.added} (${outcome.rows} rows)\n`,
        );
      }
      return 0;
    } finally {
      client?.destroy();
    }
  },
};
