import { isKafkaTopic } from "@pinpipe/ingest";
import { CliError } from "../command";

const usage = (message: string): CliError =>
  new CliError(`pinpipe emulate: ${message} (see pinpipe emulate --help)`, 2);

/**
 * Reads `--topic-prefix`: topics `<p>.pin`, `<p>.geo` and `<p>.user` must be legal Kafka topic names
 * (1 to 249 of `[a-zA-Z0-9._-]`), so the prefix is 1 to 244 of those characters. Default `pinpipe`.
 *
 * @throws {CliError} (usage, exit code 2) for any other prefix.
 * @example
 * topicPrefixOption("0a1b"); // "0a1b"
 * topicPrefixOption(undefined); // "pinpipe"
 */
export function topicPrefixOption(value: string | undefined): string {
  if (value === undefined) return "pinpipe";
  if (value === "" || !isKafkaTopic(`${value}.user`)) {
    throw usage(
      `--topic-prefix must be 1 to 244 characters of a-z, A-Z, 0-9, '.', '_' and '-' (Kafka topics <p>.pin, <p>.geo, <p>.user), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Reads `--dirty <fraction>`: the share of generated posts given a defect, from 0 to 1. Default 0.
 *
 * @throws {CliError} (usage, exit code 2) for anything but a number in [0, 1].
 * @example
 * dirtyOption("0.05"); // 0.05
 */
export function dirtyOption(value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = Number(value);
  if (value.trim() === "" || !(parsed >= 0 && parsed <= 1)) {
    throw usage(`--dirty must be a fraction from 0 to 1, got "${value}"`);
  }
  return parsed;
}

/**
 * Reads a URL option the emulator appends paths to (`--url`, endpoints): an absolute http or https
 * URL without query or fragment. Returned without trailing slashes.
 *
 * @throws {CliError} (usage, exit code 2) naming the option.
 * @example
 * httpUrlOption("url", "http://127.0.0.1:8082/"); // "http://127.0.0.1:8082"
 */
export function httpUrlOption(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`--${name} must be an http or https URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usage(`--${name} must be an http or https URL, got ${JSON.stringify(value)}`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw usage(`--${name} must not have a query or fragment, got ${JSON.stringify(value)}`);
  }
  return url.href.replace(/\/+$/, "");
}
