import { describeZodIssue } from "./describeZodIssue";
import { RunFolderError } from "./runFolderError";
import { type RunManifest, runManifestSchema } from "./runManifestSchema";

/**
 * Parses and validates the text of a `manifest.json`; `where` names the file in error messages.
 *
 * @throws {RunFolderError} when the text is not JSON or not a valid `pinpipe-batch/1` manifest,
 * naming the first offending field.
 * @example
 * parseRunManifest(text, "out/runs/2026-11-23/manifest.json").counts.geo.rejected; // 3
 * parseRunManifest("{}", "m.json"); // throws RunFolderError: m.json is not a valid pinpipe-batch/1 manifest: format: …
 */
export function parseRunManifest(text: string, where: string): RunManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunFolderError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = runManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new RunFolderError(
      `${where} is not a valid pinpipe-batch/1 manifest: ${describeZodIssue(parsed.error)}`,
    );
  }
  return parsed.data;
}
