#!/usr/bin/env node
// Runs the pnpm version pinned in package.json#packageManager without a global install:
// a fresh machine has only Node and npm, and corepack is not reliable here.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("../package.json", import.meta.url);
const { packageManager } = JSON.parse(readFileSync(root, "utf8"));
const args = process.argv.slice(2);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const result = spawnSync(npx, ["--yes", packageManager, ...args], { stdio: "inherit" });
if (result.error) {
  console.error(`could not run ${packageManager}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
