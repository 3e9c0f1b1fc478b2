import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalyzeWorkerData } from "./analyzeWorker";

/**
 * Each worker's young generation, in MB. V8's default (up to 48 MB per thread on 64-bit) only
 * holds short-lived parsing garbage longer: capping it took batch's peak RSS at 1M posts from
 * ~545 MB to ~490 MB (two workers) with no measurable CPU cost.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * Starts an analyze worker thread. It runs `analyzeWorkerEntry.ts`, which loads only the reading
 * code: from TypeScript sources (tests, `tsx src/cli.ts`) after registering tsx and resolving
 * the workspace packages to their sources; in a build, as `analyzeWorker.js` beside the CLI when
 * the build bundles it. A one-file build (`dist/cli.js` only) runs the CLI entry itself with the
 * argument `analyze` and `workerData` marking the thread, and the analyze command then serves
 * read tasks instead of running (at the cost of loading every command).
 *
 * @example
 * const worker = spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, dedupe: false, limits: DEFAULT_READ_LIMITS });
 */
export function spawnAnalyzeWorker(data: AnalyzeWorkerData): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    // A build that also bundles analyzeWorkerEntry.ts as analyzeWorker.js gets lighter workers.
    const dedicated = new URL("./analyzeWorker.js", here);
    if (existsSync(fileURLToPath(dedicated)))
      return new Worker(dedicated, { workerData: data, resourceLimits });
    return new Worker(new URL(here), { argv: ["analyze"], workerData: data, resourceLimits });
  }
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
    resourceLimits,
    execArgv: ["--conditions=@pinpipe/source"],
  });
}
