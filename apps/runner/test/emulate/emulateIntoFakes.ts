import { runEmulateCommand } from "./emulatorExpectations";

/**
 * `--count <count> --sleep none`: that many posts, sent without the original emulator's random
 * pauses, which would only slow the tests.
 *
 * @example
 * await emulateToRestProxy(proxy.url, ...postsWithoutPause(20)); // 20 posts at once
 */
export function postsWithoutPause(count: number): string[] {
  return ["--count", String(count), "--sleep", "none"];
}

/**
 * Runs `pinpipe emulate --to rest-proxy --url <url> ...args` in-process.
 *
 * @example
 * const { code, stdout } = await emulateToRestProxy(proxy.url, "--topic-prefix", "0a1b", ...postsWithoutPause(5));
 */
export function emulateToRestProxy(url: string, ...args: string[]) {
  return runEmulateCommand("--to", "rest-proxy", "--url", url, ...args);
}

/**
 * Runs `pinpipe emulate --to api-gateway --url <url> ...args` in-process.
 *
 * @example
 * const { code, stderr } = await emulateToApiGateway(api.invokeUrl, ...postsWithoutPause(5));
 */
export function emulateToApiGateway(url: string, ...args: string[]) {
  return runEmulateCommand("--to", "api-gateway", "--url", url, ...args);
}
