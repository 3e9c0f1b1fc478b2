import { resolve } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { validateRunId } from "../batch/runId";
import { CliError, type Command } from "../command";
import { type OutputSink, openOutputSink } from "../output/index";
import { parseCommandArgs } from "../parseCommandArgs";
import { RunFolderError } from "../report/runFolderError";
import { writeRunReport } from "../report/writeRunReport";

const HELP = `Usage: pinpipe report <out> [options]

Writes a self-contained HTML report of a finished batch run in the output root <out> (a local
folder or s3://bucket/prefix): the run's source and options, records in/clean/rejected/duplicates
per table with cleaning issues by rule and field, the nine query results (q1 … q8, q3_top) as bar
charts and tables, and the files written. The page loads nothing from elsewhere and runs no
script: open it in any browser, also offline. Prints where it was written.

A run is <out>/runs/<run-id>/; it is finished once its manifest.json exists (written last), and
folders without one are ignored.

Options:
  --run-id <id>       The run to report (default: the latest finished run, i.e. the greatest
                      run id, in code unit order, that has a manifest.json)
  --output <file>     Local file to write the report to (default: <out>/runs/<run-id>/report.html,
                      next to the run, on S3 too)
  --s3-endpoint <url> S3 endpoint for an s3:// <out> (default: the AWS SDK's configuration,
                      e.g. AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, region and credential chain)
  -h, --help          Show this help

Exit codes: 0 written, 1 no finished run or an invalid manifest or result file, 2 usage error.`;

function runIdOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return validateRunId(value);
  } catch (error) {
    throw new CliError(`pinpipe report: --run-id: ${(error as Error).message}`, 2);
  }
}

/**
 * `pinpipe report <out>`: renders a finished batch run (`<out>/runs/<run-id>/`) as one HTML file
 * and prints its path. See the help text for every option.
 *
 * @example
 * await reportCommand.run(["./pinpipe-out"], context); // 0; stdout: "/…/pinpipe-out/runs/2026-11-23/report.html"
 */
export const reportCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("report", args, {
      "run-id": { type: "string" },
      output: { type: "string" },
      "s3-endpoint": { type: "string" },
    });
    if (positionals.length !== 1) {
      throw new CliError(
        `pinpipe report: expected one output root (folder or s3://bucket/prefix), got ${positionals.length} (see pinpipe report --help)`,
        2,
      );
    }
    const runId = runIdOption(values["run-id"]);
    let client: S3Client | undefined;
    let sink: OutputSink;
    try {
      sink = openOutputSink(positionals[0]!, {
        cwd: context.cwd,
        s3Client: () => {
          const endpoint = values["s3-endpoint"];
          client = createS3Client({ env: context.env, ...(endpoint === undefined ? {} : { endpoint }) });
          return client;
        },
      });
    } catch (error) {
      throw new CliError(`pinpipe report: ${(error as Error).message}`, 2);
    }
    try {
      const written = await writeRunReport(sink, {
        ...(runId === undefined ? {} : { runId }),
        ...(values.output === undefined ? {} : { output: resolve(context.cwd, values.output) }),
      });
      context.stdout.write(`${written.path}\n`);
      return 0;
    } catch (error) {
      if (error instanceof RunFolderError) throw new CliError(`pinpipe report: ${error.message}`, 1);
      throw error;
    } finally {
      client?.destroy();
    }
  },
};
