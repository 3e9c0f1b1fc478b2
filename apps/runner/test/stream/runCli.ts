import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { testCliArgs } from "../support/testCli";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** A `pinpipe` CLI child process (the CLI built from the sources for the test run) with its output collected. */
export interface CliChild {
  readonly process: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: readonly string[]): CliChild {
  const child = spawn(process.execPath, testCliArgs(args), {
    cwd: repoRoot,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  return { process: child, stdout: () => out, stderr: () => err, exited };
}
