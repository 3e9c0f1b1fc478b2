import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const RUNNER = join(REPO_ROOT, "apps/runner");
/** Under the runner's node_modules, so the bundle resolves the runner's dependencies from there. */
const CACHE = join(RUNNER, "node_modules/.cache/pinpipe-test-cli");

/** Everything the bundle is built from: the sources of the runner and the workspace packages. */
function sourceFiles(): string[] {
  const files: string[] = [join(RUNNER, "package.json"), join(RUNNER, "tsup.config.ts")];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(RUNNER, "src"));
  for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
    const src = join(REPO_ROOT, "packages", pkg, "src");
    if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
  }
  return files.sort();
}

/**
 * Builds the `pinpipe` CLI from the current sources (the runner's own tsup build, the workspace
 * packages bundled from source) into a folder named by a hash of those sources, unless that build
 * exists already, and returns the path of its `cli.js`. Tests that start the CLI as a process run
 * this build: it starts in well under a second, where running the sources through tsx takes
 * seconds per process, and the crash loops start it hundreds of times. Concurrent test runs never
 * see a half-written build: each builds into a folder of its own and renames it into place.
 *
 * @example
 * const cli = buildTestCli(); // …/node_modules/.cache/pinpipe-test-cli/<hash>/cli.js
 */
export function buildTestCli(): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) {
    hash.update(relative(REPO_ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  const target = join(CACHE, hash.digest("hex").slice(0, 16));
  const entry = join(target, "cli.js");
  if (existsSync(entry)) return entry;
  mkdirSync(CACHE, { recursive: true });
  const scratch = `${target}.${process.pid}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, "node_modules/tsup/dist/cli-default.js"), "--out-dir", scratch, "--silent"],
    {
      cwd: RUNNER,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    renameSync(scratch, target);
  } catch (error) {
    // Another run renamed the same build into place first.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
  pruneOldBuilds(target);
  return entry;
}

/** Builds of other sources older than a day: no test run still uses them. */
function pruneOldBuilds(keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}
