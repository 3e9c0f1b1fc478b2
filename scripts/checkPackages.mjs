#!/usr/bin/env node
// npm run check:packages: builds every published package, packs it the way `pnpm publish` would
// (workspace:* replaced by versions) and checks the tarball as the ecosystem does: publint for the
// package.json and its files, @arethetypeswrong/cli for the types that ESM `import` and CommonJS
// `require()` consumers see under node16 and bundler resolution. Exits 1 naming every failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = new URL("..", import.meta.url).pathname;
const pnpm = ["node", join(root, "scripts/pnpm.mjs")];

/** The workspace folders whose package is not private, i.e. everything `pnpm -r publish` publishes. */
function publishedPackages() {
  const folders = [
    ...readdirSync(join(root, "packages")).map((name) => `packages/${name}`),
    ...readdirSync(join(root, "apps")).map((name) => `apps/${name}`),
  ];
  return folders
    .map((folder) => {
      try {
        return { folder, manifest: JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) };
      } catch {
        return undefined; // a folder without package.json is not a package
      }
    })
    .filter((entry) => entry !== undefined && entry.manifest.private !== true);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

const packages = publishedPackages();
const failures = [];
console.log(`check:packages: ${packages.map((p) => p.manifest.name).join(", ")}`);

// --skip-build checks the dist folders as they are (after a build of one's own).
const filters = packages.flatMap((p) => ["--filter", `./${p.folder}`]);
const build = process.argv.includes("--skip-build")
  ? { status: 0, output: "" }
  : run(pnpm[0], [pnpm[1], "-r", "--workspace-concurrency=1", ...filters, "build"]);
if (build.status !== 0) {
  console.error(build.output);
  console.error("check:packages: the build failed (output above)");
  process.exit(1);
}

const packDir = mkdtempSync(join(tmpdir(), "pinpipe-check-packages-"));
try {
  for (const { folder, manifest } of packages) {
    const name = manifest.name;
    const pack = run(pnpm[0], [pnpm[1], "pack", "--pack-destination", packDir], { cwd: join(root, folder) });
    const tarballName = readdirSync(packDir).find(
      (file) => file === `${name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`,
    );
    if (pack.status !== 0 || tarballName === undefined) {
      failures.push(`${name}: pnpm pack failed\n${pack.output}`);
      continue;
    }
    const tarball = join(packDir, tarballName);

    // publint: errors and warnings fail; suggestions are printed only.
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: "suggestion",
      strict: false,
    });
    for (const message of messages) {
      const line = `${name}: publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`;
      if (message.type === "suggestion") console.log(line);
      else failures.push(line);
    }
    console.log(`${name}: publint ${messages.some((m) => m.type !== "suggestion") ? "FAILED" : "ok"}`);

    // attw: a CLI package (bin only, no exports) has no types to resolve.
    if (manifest.exports === undefined) {
      console.log(`${name}: attw skipped (a CLI with no "exports": nothing to import)`);
      continue;
    }
    // The node16 profile checks node16 resolution from CJS and ESM and bundler resolution; node10
    // (no "exports" support) is out of scope for Node >= 20.19.
    const attwArgs = ["--profile", "node16", "--format", "table-flipped"];
    const attw = run("npx", ["--no-install", "attw", tarball, ...attwArgs]);
    if (attw.status !== 0) failures.push(`${name}: @arethetypeswrong/cli found problems\n${attw.output}`);
    console.log(`${name}: attw ${attw.status === 0 ? "ok" : "FAILED"}`);
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

// What a release would run, without sending anything: every published package must go through.
// --no-git-checks: CI checks out a commit, not the main branch.
const dryRun = run(pnpm[0], [pnpm[1], "-r", "publish", "--dry-run", "--no-git-checks"]);
for (const { manifest } of packages) {
  if (!dryRun.output.includes(`+ ${manifest.name}@${manifest.version}`)) {
    failures.push(
      `${manifest.name}: \`pnpm -r publish --dry-run\` did not publish it\n${dryRun.output.slice(-2000)}`,
    );
  }
}
if (dryRun.status !== 0) failures.push(`pnpm -r publish --dry-run failed\n${dryRun.output.slice(-4000)}`);
console.log(`check:packages: pnpm -r publish --dry-run ${dryRun.status === 0 ? "ok" : "FAILED"}`);

if (failures.length > 0) {
  console.error(`\ncheck:packages: ${failures.length} problem(s):\n`);
  for (const failure of failures) console.error(`- ${failure}\n`);
  process.exit(1);
}
console.log(
  `check:packages: ${packages.length} packages pass publint, @arethetypeswrong/cli and pnpm -r publish --dry-run`,
);
