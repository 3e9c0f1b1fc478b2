import { CliError } from "./command";

/**
 * Reads `--topics-regex RE` of `command` as Kafka Connect's `topics.regex`: a topic is taken when
 * the expression matches its whole name (`p\.pin` does not take `p.pins`), with JavaScript's
 * Unicode regular expressions. No option: `undefined` (every topic).
 *
 * @throws {CliError} (exit code 2) for an expression that does not compile, with the engine's reason.
 * @example
 * topicsRegexOption("batch", "0a1b\\.(pin|geo)")?.test("0a1b.geo"); // true
 * topicsRegexOption("batch", "0a1b\\.(pin|geo)")?.test("0a1b.geo2"); // false
 * topicsRegexOption("batch", undefined); // undefined
 */
export function topicsRegexOption(command: string, text: string | undefined): RegExp | undefined {
  if (text === undefined) return undefined;
  if (text === "") {
    throw new CliError(
      `pinpipe ${command}: --topics-regex must not be empty (see pinpipe ${command} --help)`,
      2,
    );
  }
  try {
    // Anchored as Kafka Connect does (Java's Matcher.matches()), grouped so that `a|b` stays whole.
    return new RegExp(`^(?:${text})$`, "u");
  } catch (error) {
    throw new CliError(
      `pinpipe ${command}: --topics-regex ${text}: not a regular expression (${(error as Error).message}) (see pinpipe ${command} --help)`,
      2,
    );
  }
}
