import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./command";

type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs`, turning its errors into a
 * usage {@link CliError} (exit code 2) that names the command. `--no-<flag>` negates a boolean.
 *
 * @example
 * const { values, positionals } = parseCommandArgs("analyze", ["data", "--json"], { json: { type: "boolean" } });
 */
export function parseCommandArgs<T extends CommandOptions>(
  command: string,
  args: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true; allowNegative: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    // Node explains some errors over several lines; the CLI reports one line.
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim();
    throw new CliError(`pinpipe ${command}: ${reason} (see pinpipe ${command} --help)`, 2);
  }
}

/**
 * Reads a string option that must be one of `choices`, or `fallback` when absent.
 *
 * @example
 * choiceOption("analyze", "median", "exact", ["lower", "exact"], "lower"); // "exact"
 */
export function choiceOption<C extends string>(
  command: string,
  name: string,
  value: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as C;
  throw new CliError(`pinpipe ${command}: --${name} must be one of ${choices.join(", ")}, got "${value}"`, 2);
}
