import { PassThrough } from "node:stream";
import type { CommandContext } from "../../src/command";

/** A command context writing to memory, for running commands in-process. */
export function memoryContext(env: NodeJS.ProcessEnv = {}): {
  readonly context: CommandContext;
  readonly stdout: () => string;
  readonly stderr: () => string;
} {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (chunk) => out.push(String(chunk)));
  const stderr = new PassThrough().on("data", (chunk) => err.push(String(chunk)));
  return {
    context: { stdout, stderr, interactive: false, cwd: process.cwd(), env },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
