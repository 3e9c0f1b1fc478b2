import { CliError, type CommandContext, type CommandEntry } from "./command";
import { redactingStream, secretValues } from "./redactSecrets";

function overview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: pinpipe <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `pinpipe <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/**
 * Dispatches `pinpipe <command> ...args` to a command and returns the exit code: 0 on success,
 * 2 on a usage error, 1 on any other failure, reported as one line on stderr. Credential values
 * from the environment are masked in everything the command prints.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), commands, context);
 */
export async function main(
  argv: readonly string[],
  commands: readonly CommandEntry[],
  rawContext: CommandContext,
): Promise<number> {
  const secrets = secretValues(rawContext.env);
  const context: CommandContext = {
    ...rawContext,
    stdout: redactingStream(rawContext.stdout, secrets),
    stderr: redactingStream(rawContext.stderr, secrets),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    context.stdout.write(overview(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    context.stdout.write("pinpipe 0.1.0\n");
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    context.stderr.write(`pinpipe: unknown command "${name}" (see pinpipe --help)\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    context.stdout.write(command.help.endsWith("\n") ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof CliError) {
      context.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`pinpipe ${name}: ${message.split("\n")[0]}\n`);
    return 1;
  }
}
