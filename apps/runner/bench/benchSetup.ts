import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { type BenchDataset, writeBenchDataset } from "./writeBenchDataset";

/**
 * The repository root, from the bench folder.
 *
 * @example
 * join(BENCH_REPO_ROOT, ".bench"); // where datasets are cached
 */
export const BENCH_REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What every pinpipe-vs-DuckDB bench reads from the environment. */
export interface BenchSettings {
  readonly posts: number;
  readonly rounds: number;
  readonly dedupe: boolean;
}

/**
 * PINPIPE_BENCH_POSTS (default 1,000,000; `--quick` or PINPIPE_BENCH_QUICK=1: 100,000),
 * PINPIPE_BENCH_ROUNDS (default 3) and PINPIPE_BENCH_DEDUPE=1, checked.
 *
 * @throws {Error} when posts or rounds are not positive integers.
 * @example
 * const { posts, rounds, dedupe } = benchSettings();
 */
export function benchSettings(): BenchSettings {
  const quick = process.argv.includes("--quick") || process.env.PINPIPE_BENCH_QUICK === "1";
  const posts = Number(process.env.PINPIPE_BENCH_POSTS ?? (quick ? 100_000 : 1_000_000));
  const rounds = Number(process.env.PINPIPE_BENCH_ROUNDS ?? 3);
  if (!Number.isSafeInteger(posts) || posts < 1 || !Number.isSafeInteger(rounds) || rounds < 1) {
    throw new Error("PINPIPE_BENCH_POSTS and PINPIPE_BENCH_ROUNDS must be positive integers");
  }
  return { posts, rounds, dedupe: process.env.PINPIPE_BENCH_DEDUPE === "1" };
}

/**
 * Prepares a pinpipe-vs-DuckDB round: the cached dataset of `posts` posts (generated once, shared by
 * the benches), the built CLI, and the DuckDB runner `runner` (a file of this folder) bundled like
 * the CLI, so both sides start as one plain JavaScript file. Returns the dataset and the runner's
 * built path.
 *
 * @example
 * const { dataset, runner } = await prepareBench(posts, "duckdbAnalyze", log);
 */
export async function prepareBench(
  posts: number,
  runner: string,
  log: (line: string) => void,
): Promise<{ dataset: BenchDataset; runner: string }> {
  const dataset = writeBenchDataset(
    join(BENCH_REPO_ROOT, ".bench", `analyze-${posts}`),
    { posts, seed: 1, dirty: 0.01, duplicates: 0.01, brokenEvery: 50_000, filesPerTable: 4 },
    log,
  );
  log("building the CLI (node scripts/pnpm.mjs --filter @pinpipe/runner build) and the DuckDB runner…");
  execFileSync(process.execPath, ["scripts/pnpm.mjs", "--filter", "@pinpipe/runner", "build"], {
    cwd: BENCH_REPO_ROOT,
    stdio: "ignore",
  });
  const outDir = join(BENCH_REPO_ROOT, ".bench", "duckdb-runner");
  await build({
    entry: { [runner]: join(BENCH_REPO_ROOT, `apps/runner/bench/${runner}.ts`) },
    outDir,
    format: ["esm"],
    target: "node20",
    silent: true,
    noExternal: [/^@pinpipe\//, "zod"],
    external: ["@duckdb/node-api"],
    esbuildOptions(options) {
      options.conditions = ["@pinpipe/source"];
    },
  });
  return { dataset, runner: join(outDir, `${runner}.js`) };
}
