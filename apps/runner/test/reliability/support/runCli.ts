import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { testCliArgs } from "../../support/testCli";

/**
 * The repository root, where the CLI runs from source.
 *
 * @example
 * join(REPO_ROOT, "apps/runner/src/cli.ts");
 */
export const REPO_ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));

/**
 * How a CLI process ended.
 *
 * @example
 * const run: CliRun = { code: 0, signal: null, killed: false, stdout: "", stderr: "", ms: 2100 };
 */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the test's SIGKILL ended it (not a natural exit that came first). */
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Milliseconds from spawn to the first output (undefined when there was none). */
  readonly firstOutputMs: number | undefined;
  /** Milliseconds from spawn to the kill (undefined when not killed). */
  readonly killedAtMs: number | undefined;
  /** Peak resident memory of the process in MB (its VmHWM, sampled every 20 ms; 0 if never sampled). */
  readonly peakRssMb: number;
  /** True when the test killed the process for going over `rssLimitMb`. */
  readonly overMemoryLimit: boolean;
}

/**
 * Options of {@link runCli}.
 *
 * @example
 * const options: RunCliOptions = { env: { ...process.env }, killAfterMs: 2500, timeoutMs: 60_000 };
 */
export interface RunCliOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** SIGKILL the process this long after it started. */
  readonly killAfterMs?: number;
  /**
   * SIGKILL `delayMs` after the first moment stderr matches `pattern` or `ready()` returns true
   * (polled every 10 ms), instead of counting from the start.
   */
  readonly anchor?: { readonly pattern?: RegExp; readonly ready?: () => boolean; readonly delayMs: number };
  /** Kill and fail after this long (default 120 s). */
  readonly timeoutMs?: number;
  /** SIGKILL the process once its resident memory passes this many MB (protects the machine). */
  readonly rssLimitMb?: number;
  /** Arguments for node itself, before the CLI's (e.g. `--max-old-space-size=512`). */
  readonly nodeArgs?: readonly string[];
}

/** VmHWM and VmRSS of a live process in MB, from /proc (Linux); undefined once it is gone. */
function memoryOf(pid: number): { peak: number; now: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string): number =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * Runs `pinpipe <args>` (the CLI built from the current sources for this test run, see
 * `testCliArgs`) as a child process, optionally killing it with SIGKILL after a delay, and collects
 * its output.
 *
 * @example
 * const run = await runCli(["batch", "--source", input, "--out", out], { killAfterMs: 2300 });
 * if (run.killed) console.log("killed after", run.killedAtMs, "ms");
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return runNode(testCliArgs(args), options);
}

/**
 * Runs a TypeScript file of the repository (path relative to its root) with workspace sources, like
 * {@link runCli} does for the CLI.
 *
 * @example
 * const run = await runTypeScript("apps/runner/test/reliability/support/parseWideRecord.ts", ["8000000"], { rssLimitMb: 3000 });
 */
export function runTypeScript(
  script: string,
  args: readonly string[],
  options: RunCliOptions = {},
): Promise<CliRun> {
  return runNode(["--conditions=@pinpipe/source", "--import", "tsx", script, ...args], options);
}

function runNode(nodeArgs: readonly string[], options: RunCliOptions): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...nodeArgs], {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let firstOutputMs: number | undefined;
  let killedAtMs: number | undefined;
  let timedOut = false;
  let peakRssMb = 0;
  let overMemoryLimit = false;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null && killedAtMs === undefined) {
      killedAtMs = performance.now() - started;
      child.kill("SIGKILL");
    }
  };
  const timers: NodeJS.Timeout[] = [];
  const seen = (): void => {
    firstOutputMs ??= performance.now() - started;
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    seen();
    stdout += chunk;
  });
  let anchored = false;
  const anchorNow = (): void => {
    if (options.anchor === undefined || anchored) return;
    anchored = true;
    timers.push(setTimeout(kill, options.anchor.delayMs));
  };
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    seen();
    stderr += chunk;
    if (options.anchor?.pattern?.test(stderr) === true) anchorNow();
  });
  const ready = options.anchor?.ready;
  if (ready !== undefined) {
    const poll = setInterval(() => {
      if (anchored) clearInterval(poll);
      else if (ready()) {
        clearInterval(poll);
        anchorNow();
      }
    }, 10);
    timers.push(poll);
  }
  if (options.killAfterMs !== undefined) timers.push(setTimeout(kill, options.killAfterMs));
  const sampler = setInterval(() => {
    const memory = child.pid === undefined ? undefined : memoryOf(child.pid);
    if (memory === undefined) return;
    peakRssMb = Math.max(peakRssMb, memory.peak);
    if (options.rssLimitMb !== undefined && memory.now > options.rssLimitMb) {
      overMemoryLimit = true;
      kill();
    }
  }, 20);
  timers.push(sampler);
  timers.push(
    setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs ?? 120_000),
  );
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      anchored = true;
      if (timedOut) {
        reject(new Error(`node ${nodeArgs.join(" ")} timed out; stderr: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({
        code,
        signal,
        killed: signal === "SIGKILL" && killedAtMs !== undefined,
        stdout,
        stderr,
        ms: performance.now() - started,
        firstOutputMs,
        killedAtMs,
        peakRssMb,
        overMemoryLimit,
      });
    });
  });
}
