import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalyzeWorkerData } from "./analyzeWorker";

/**
 * Starts an analyze worker thread. In the bundled CLI (`dist/cli.js`, one file) workers run the
 * CLI entry itself with the argument `analyze` and `workerData` marking them, and the analyze
 * command then serves read tasks instead of running. From TypeScript sources (tests,
 * `tsx src/cli.ts`) the worker registers tsx, resolves the workspace packages to their sources
 * and runs the lighter `analyzeWorkerEntry.ts`.
 *
 * @example
 * const worker = spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, dedupe: false });
 */
export function spawnAnalyzeWorker(data: AnalyzeWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL(here), { argv: ["analyze"], workerData: data });
  const entry = new URL("./analyzeWorkerEntry.ts", here).href;
  // tsx publishes its ESM loader API next to the CommonJS one that require.resolve finds.
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: data,
    execArgv: ["--conditions=@pinpipe/source"],
  });
}
