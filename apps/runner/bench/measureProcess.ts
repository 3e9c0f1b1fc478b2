import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Wall time, CPU time, peak resident memory and output of one child process. */
export interface Measurement {
  readonly seconds: number;
  /** User + system CPU seconds, when `/usr/bin/time` is there to tell (else `NaN`). */
  readonly cpuSeconds: number;
  /** Peak resident set size in bytes (VmHWM / ru_maxrss). */
  readonly peakRss: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TIME = "/usr/bin/time";

function peakFromProc(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` to completion and measures it: wall time around the process, and CPU time
 * and peak RSS from GNU `/usr/bin/time` when installed, else peak RSS by polling
 * `/proc/<pid>/status` (VmHWM) every 20 ms.
 * Rejects when the command exits with a non-zero code.
 *
 * @example
 * const { seconds, peakRss } = await measureProcess("node", ["dist/cli.js", "analyze", "data", "--json"], repoRoot);
 */
export function measureProcess(command: string, args: readonly string[], cwd: string): Promise<Measurement> {
  const useTime = existsSync(TIME);
  const scratch = mkdtempSync(join(tmpdir(), "pinpipe-bench-"));
  const timeFile = join(scratch, "time.txt");
  const child = useTime
    ? spawn(TIME, ["-f", "%M %U %S", "-o", timeFile, command, ...args], { cwd })
    : spawn(command, args, { cwd });
  const started = performance.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  let polled = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => (polled = Math.max(polled, peakFromProc(child.pid ?? 0))), 20);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll !== undefined) clearInterval(poll);
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      // GNU time writes "Command exited with non-zero status" first on failures: read the last line.
      const [rssKb, user, system] = useTime
        ? (readFileSync(timeFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number)
        : [polled / 1024, Number.NaN, Number.NaN];
      rmSync(scratch, { recursive: true, force: true });
      if (code !== 0)
        reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${stderr.slice(-2000)}`));
      else {
        resolve({
          seconds,
          cpuSeconds: (user ?? Number.NaN) + (system ?? Number.NaN),
          peakRss: (rssKb ?? 0) * 1024,
          stdout,
          stderr,
        });
      }
    });
  });
}
