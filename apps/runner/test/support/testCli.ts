import { inject } from "vitest";

/**
 * The arguments for `node` that start `pinpipe <args>` as a process: the CLI built from the
 * current sources by the test run's global setup.
 *
 * @throws {Error} when the run has no such setup (a vitest config without it).
 * @example
 * spawn(process.execPath, testCliArgs(["batch", "--help"]), { cwd: REPO_ROOT });
 */
export function testCliArgs(args: readonly string[]): string[] {
  const cli = inject("pinpipeCli");
  if (typeof cli !== "string") {
    throw new Error(
      "no test CLI: run the tests with a vitest config whose globalSetup is apps/runner/test/support/globalSetup.ts",
    );
  }
  return [cli, ...args];
}
