import { QUERY_NAMES, type QueryName } from "@pinpipe/analytics";
import { decodeUtf8Text } from "./decodeUtf8Text";
import { parseResultRows, type ResultRow } from "./parseResultRows";
import { parseRunManifest } from "./parseRunManifest";
import { RunFolderError } from "./runFolderError";
import type { RunManifest } from "./runManifestSchema";
import type { RunStore } from "./runStore";

/**
 * Everything a report shows about one finished batch run.
 *
 * @example
 * const report: RunReport = await loadRunReport(store, "2026-11-23");
 * report.results.q6; // [{ post_year: 2015, number_users_joined: 7 }, …]
 */
export interface RunReport {
  /** The run folder for display: `<root>/runs/<run-id>`. */
  readonly location: string;
  readonly manifest: RunManifest;
  readonly results: Readonly<Record<QueryName, readonly ResultRow[]>>;
}

/**
 * Reads and validates `runs/<runId>/manifest.json` and every result it lists (the JSON files),
 * checking that each holds as many rows as the manifest says.
 *
 * @throws {RunFolderError} when the run has no manifest (unfinished or absent), the manifest is
 * invalid or names another run, or a result file is missing, malformed or has another row count.
 * @example
 * const report = await loadRunReport(new LocalOutputSink("./pinpipe-out"), "2026-11-23");
 * report.manifest.counts.pin.clean; // 4112
 */
export async function loadRunReport(store: RunStore, runId: string): Promise<RunReport> {
  const folder = `runs/${runId}`;
  const location = `${store.location}/${folder}`;
  const manifestBytes = await store.get(`${folder}/manifest.json`);
  if (manifestBytes === undefined) {
    throw new RunFolderError(`${location} has no manifest.json: no such run, or it has not finished`);
  }
  const manifestWhere = `${location}/manifest.json`;
  const manifest = parseRunManifest(decodeUtf8Text(manifestBytes, manifestWhere), manifestWhere);
  if (manifest.runId !== runId) {
    throw new RunFolderError(`${location}/manifest.json names run "${manifest.runId}", not "${runId}"`);
  }
  const results = {} as Record<QueryName, readonly ResultRow[]>;
  for (const name of QUERY_NAMES) {
    const entry = manifest.results[name];
    const where = `${location}/${entry.json}`;
    const bytes = await store.get(`${folder}/${entry.json}`);
    if (bytes === undefined)
      throw new RunFolderError(`${where} is missing (the manifest lists it for ${name})`);
    const rows = parseResultRows(decodeUtf8Text(bytes, where), where);
    if (rows.length !== entry.rows) {
      throw new RunFolderError(`${where} has ${rows.length} rows but the manifest says ${entry.rows}`);
    }
    results[name] = rows;
  }
  return { location, manifest, results };
}
