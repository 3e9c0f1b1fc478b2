import { RunFolderError } from "./runFolderError";
import type { RunStore } from "./runStore";

const MANIFEST = /^runs\/([^/]+)\/manifest\.json$/;

/**
 * The id of the latest finished batch run under an output root: among the folders
 * `runs/<run-id>/` that hold a `manifest.json` (written last, so a folder without one is an
 * unfinished run and is ignored), the greatest run id in code unit order. Run ids are dates or
 * timestamps (`2026-11-23`), so that order is their time order.
 *
 * @throws {RunFolderError} when no run folder has a manifest.
 * @example
 * await latestFinishedRun(new LocalOutputSink("./pinpipe-out")); // "2026-11-23"
 */
export async function latestFinishedRun(store: RunStore): Promise<string> {
  const runIds = (await store.list("runs/"))
    .map((path) => MANIFEST.exec(path)?.[1])
    .filter((id): id is string => id !== undefined);
  let latest: string | undefined;
  for (const id of runIds) if (latest === undefined || id > latest) latest = id;
  if (latest === undefined) {
    throw new RunFolderError(
      `no finished run in ${store.location}/runs/ (a run is finished once its manifest.json is written)`,
    );
  }
  return latest;
}
