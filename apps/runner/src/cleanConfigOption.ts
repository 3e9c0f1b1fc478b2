import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CleanOptions, PlaceholderDictionary } from "@pinpipe/clean";
import { type CleanConfig, CleanConfigSchema } from "@pinpipe/schemas";
import { CliError } from "./command";

/** A clean config file is a few kilobytes; a bigger one is a mistake. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads `--clean-config FILE` of `command`: JSON validated by `CleanConfigSchema` (its JSON Schema
 * is `toJsonSchema("cleanConfig")`), returned as the cleaning options every path of the job uses.
 * No file: the defaults (`undefined`).
 *
 * @throws {CliError} (exit code 2) naming the file and the first problem: unreadable, too big, not
 * JSON, or not a clean config (an unknown key, a list that is not of strings…).
 * @example
 * cleanConfigOption("batch", "clean.json", process.cwd()); // { placeholders: { title: ["n/a"] } }
 */
export function cleanConfigOption(
  command: string,
  file: string | undefined,
  cwd: string,
): CleanOptions | undefined {
  if (file === undefined) return undefined;
  const fail = (message: string) =>
    new CliError(`pinpipe ${command}: --clean-config ${file}: ${message} (see pinpipe ${command} --help)`, 2);
  let text: string;
  try {
    const bytes = readFileSync(resolve(cwd, file));
    if (bytes.length > MAX_CONFIG_BYTES) throw fail(`larger than ${MAX_CONFIG_BYTES} bytes`);
    text = bytes.toString("utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON (${(error as Error).message})`);
  }
  const parsed = CleanConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
    throw fail(`not a clean config${where}: ${issue.message}`);
  }
  return cleanOptionsOf(parsed.data);
}

/** The cleaning options a parsed config stands for (lists left out keep their defaults). */
function cleanOptionsOf(config: CleanConfig): CleanOptions {
  if (config.placeholders === undefined) return {};
  const placeholders: { [column: string]: readonly string[] } = {};
  for (const [column, list] of Object.entries(config.placeholders))
    if (list !== undefined) placeholders[column] = list;
  return { placeholders: placeholders as PlaceholderDictionary };
}
