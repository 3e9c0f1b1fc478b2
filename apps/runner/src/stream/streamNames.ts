import { isKinesisStreamName } from "@pinpipe/ingest";
import { CliError } from "../command";

/**
 * The Kinesis stream of each table.
 *
 * @example
 * const names: StreamNames = { pin: "pinpipe-pin", geo: "pinpipe-geo", user: "pinpipe-user" };
 */
export interface StreamNames {
  readonly pin: string;
  readonly geo: string;
  readonly user: string;
}

/**
 * The streams `pinpipe emulate` writes and `pinpipe stream` reads when `--streams` is not given.
 *
 * @example
 * DEFAULT_STREAM_NAMES.geo; // "pinpipe-geo"
 */
export const DEFAULT_STREAM_NAMES: StreamNames = Object.freeze({
  pin: "pinpipe-pin",
  geo: "pinpipe-geo",
  user: "pinpipe-user",
});

/**
 * Reads `--streams <pin>,<geo>,<user>`: three distinct legal Kinesis stream names, in that order.
 *
 * @throws {CliError} (usage, exit code 2) naming what is wrong.
 * @example
 * parseStreamNames("stream", "p,g,u"); // { pin: "p", geo: "g", user: "u" }
 */
export function parseStreamNames(command: string, value: string | undefined): StreamNames {
  if (value === undefined) return DEFAULT_STREAM_NAMES;
  const names = value.split(",").map((name) => name.trim());
  const usage = (reason: string): CliError =>
    new CliError(`pinpipe ${command}: --streams ${reason} (see pinpipe ${command} --help)`, 2);
  if (names.length !== 3) throw usage(`needs three names <pin>,<geo>,<user>, got ${names.length}`);
  for (const name of names) {
    if (!isKinesisStreamName(name)) throw usage(`has an illegal stream name ${JSON.stringify(name)}`);
  }
  if (new Set(names).size !== 3) throw usage("names must be distinct");
  const [pin, geo, user] = names as [string, string, string];
  return { pin, geo, user };
}
