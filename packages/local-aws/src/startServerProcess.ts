import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { LocalServer } from "./localServer";

/**
 * How to start one launcher script of this package.
 *
 * @example
 * ```ts
 * const spec: ServerProcessSpec = { launcher: "kinesalite.cjs", options: { port: 0 }, name: "kinesalite" };
 * ```
 */
export interface ServerProcessSpec {
  /** File name inside the package's `launchers/` folder. */
  readonly launcher: string;
  /** JSON-serializable options handed to the launcher. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Name used in error messages. */
  readonly name: string;
  /** Milliseconds to wait for the server to report its port. */
  readonly startTimeoutMs?: number;
  /** Called after the process has exited on stop(), e.g. to remove a temporary directory. */
  readonly cleanup?: () => Promise<void>;
}

const KILL_GRACE_MS = 5_000;
const STDERR_TAIL_CHARS = 4_000;

/** Children still running, killed when this process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGTERM");
  });
}

/**
 * Finds the launchers through the package's own name, so the path is right both from `src/`, from `dist/`
 * and from a bundle (the runner's CLI) that inlined this code.
 */
function launcherPath(file: string): string {
  const packageJson = createRequire(import.meta.url).resolve("@pinpipe/local-aws/package.json");
  return join(dirname(packageJson), "launchers", file);
}

/**
 * Starts a launcher script as `node --openssl-legacy-provider <launcher> <options JSON>` and waits until
 * it prints `{"port": N}`. The child exits when its stdin closes, so it never outlives this process.
 *
 * @example
 * ```ts
 * const server = await startServerProcess({ launcher: "kinesalite.cjs", options: {}, name: "kinesalite" });
 * await server.stop();
 * ```
 */
export function startServerProcess(spec: ServerProcessSpec): Promise<LocalServer> {
  const child = spawn(
    process.execPath,
    ["--openssl-legacy-provider", launcherPath(spec.launcher), JSON.stringify(spec.options)],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  running.add(child);
  installExitHook();

  let stderrTail = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  exited.then(() => running.delete(child));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const force = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
        await exited;
        clearTimeout(force);
      }
      await exited;
      await spec.cleanup?.();
    })();
    return stopping;
  };

  return new Promise<LocalServer>((resolve, reject) => {
    let stdoutBuffer = "";
    const fail = (message: string): void => {
      clearTimeout(timer);
      void stop().then(() =>
        reject(new Error(`${spec.name}: ${message}${stderrTail ? `\n${stderrTail.trim()}` : ""}`)),
      );
    };
    const timer = setTimeout(
      () => fail(`did not report its port within ${spec.startTimeoutMs ?? 20_000} ms`),
      spec.startTimeoutMs ?? 20_000,
    );
    const onExitBeforeReady = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`exited before it was ready (code ${code}, signal ${signal})`);
    child.once("exit", onExitBeforeReady);
    child.once("error", (error) => fail(`could not be started: ${error.message}`));

    child.stdout?.setEncoding("utf8");
    const onStdout = (chunk: string): void => {
      stdoutBuffer += chunk;
      const newline = stdoutBuffer.indexOf("\n");
      if (newline < 0) return;
      const line = stdoutBuffer.slice(0, newline);
      child.stdout?.off("data", onStdout);
      // Later output is not ours to interpret, but must be read so the child never blocks on a full pipe.
      child.stdout?.resume();
      child.off("exit", onExitBeforeReady);
      clearTimeout(timer);
      const port = parsePort(line);
      if (port === undefined) {
        fail(`printed an unexpected first line: ${line}`);
        return;
      }
      // Running servers must not keep this process alive on their own; the exit hook kills them.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        (stream as { unref?: () => void } | null)?.unref?.();
      }
      resolve({ endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid ?? -1, stop });
    };
    child.stdout?.on("data", onStdout);
  });
}

function parsePort(line: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === "object" && parsed !== null && "port" in parsed) {
      const port = (parsed as { port: unknown }).port;
      if (typeof port === "number" && Number.isInteger(port) && port > 0 && port < 65_536) return port;
    }
  } catch {
    // Not JSON: reported as an unexpected line by the caller.
  }
  return undefined;
}
