/**
 * A run folder the report cannot use: no finished run, an invalid `manifest.json`, a missing or
 * malformed result file. Its message is one line meant for the user as is.
 *
 * @example
 * throw new RunFolderError("no finished run in /data/out/runs (no manifest.json)");
 */
export class RunFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunFolderError";
  }
}
