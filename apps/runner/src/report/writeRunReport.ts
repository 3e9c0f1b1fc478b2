import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { OutputSink } from "../output/index";
import { latestFinishedRun } from "./latestFinishedRun";
import { loadRunReport } from "./loadRunReport";
import { renderReportHtml } from "./renderReportHtml";

/** Options of {@link writeRunReport}. */
export interface WriteRunReportOptions {
  /** The run to report; default: the latest finished one ({@link latestFinishedRun}). */
  readonly runId?: string;
  /** Absolute local file to write; default: `runs/<run-id>/report.html` in the output root. */
  readonly output?: string;
}

/**
 * Reads a finished batch run from an output root, renders its HTML report and writes it, either
 * next to the run (`runs/<run-id>/report.html` through the sink, so an `s3://` root works too) or
 * to a local file. Resolves to the run id and where the report went.
 *
 * @throws {RunFolderError} when there is no finished run, or the run's manifest or results are invalid.
 * @example
 * await writeRunReport(new LocalOutputSink("./pinpipe-out"));
 * // { runId: "2026-11-23", path: "/home/me/pinpipe-out/runs/2026-11-23/report.html" }
 */
export async function writeRunReport(
  sink: OutputSink,
  options: WriteRunReportOptions = {},
): Promise<{ runId: string; path: string }> {
  const runId = options.runId ?? (await latestFinishedRun(sink));
  const html = renderReportHtml(await loadRunReport(sink, runId));
  if (options.output !== undefined) {
    await mkdir(dirname(options.output), { recursive: true });
    await writeFile(options.output, html);
    return { runId, path: options.output };
  }
  const relative = `runs/${runId}/report.html`;
  await sink.put(relative, html);
  return { runId, path: `${sink.location}/${relative}` };
}
