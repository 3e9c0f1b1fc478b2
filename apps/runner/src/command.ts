/** What a command needs from the process, passed in so commands stay testable. */
export interface CommandContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal: progress may redraw one line instead of printing many. */
  readonly interactive: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** One `pinpipe <name>` subcommand, once its module is loaded. */
export interface Command {
  /** Full `--help` text: usage line, arguments, every option with its default. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

/**
 * A subcommand as the command list knows it: its name, its line in `pinpipe --help`, and how to
 * load it. Commands load only when they run, so one command does not pay for the others'
 * dependencies at start-up (the Kafka client alone takes about a second to import).
 *
 * @example
 * const entry: CommandEntry = { name: "sql", summary: "print the SQL", load: async () => (await import("./commands/sql")).sqlCommand };
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * An error whose message is meant for the user as is: the CLI prints it as one line on stderr
 * and exits with `exitCode` (2 for usage errors, 1 for failures).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
