import { CliError } from "../command";

/**
 * Reads `--listen <host:port>` (an IPv6 host in brackets; port 0 picks a free one).
 *
 * @throws {CliError} (usage, exit code 2) for anything else.
 * @example
 * listenAddress("0.0.0.0:8080"); // { host: "0.0.0.0", port: 8080 }
 * listenAddress("[::1]:0"); // { host: "::1", port: 0 }
 */
export function listenAddress(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([a-zA-Z0-9.-]+)):(\d{1,5})$/.exec(value.trim());
  const port = match === null ? Number.NaN : Number(match[3]);
  if (match === null || !(port >= 0 && port <= 65_535)) {
    throw new CliError(
      `pinpipe gateway: --listen must be host:port with a port in 0..65535, got ${JSON.stringify(value)} (see pinpipe gateway --help)`,
      2,
    );
  }
  return { host: (match[1] ?? match[2])!, port };
}
