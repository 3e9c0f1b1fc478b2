#!/usr/bin/env node
// Installs the real peers that integration tests talk to but that npm cannot provide: Python
// virtual environments from PyPI (peers/<name>/requirements.txt) and Java class paths from Maven
// Central (peers/<name>/pom.xml). Each lands in .peers/<name>/ (git-ignored) with a ready.json
// stamp that tests read through @pinpipe/test-peers; a peer whose spec files are unchanged is not
// installed again.
//
//   node scripts/peers.mjs install [name ...]   install every peer (or the named ones)
//   node scripts/peers.mjs status               print what is installed
//
// A machine without python3 or mvn gets a clear message and the tests that need the peer skip.
// With PINPIPE_REQUIRE_PEERS=1 (set by .ci/run) a peer that cannot be installed fails the command.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const specRoot = join(root, "peers");
const cacheRoot = process.env.PINPIPE_PEERS_DIR ?? join(root, ".peers");
const required = process.env.PINPIPE_REQUIRE_PEERS === "1";

function specNames() {
  if (!existsSync(specRoot)) return [];
  return readdirSync(specRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(specRoot, entry.name)).length > 0)
    .map((entry) => entry.name)
    .sort();
}

function kindOf(name) {
  const dir = join(specRoot, name);
  if (existsSync(join(dir, "requirements.txt"))) return "python";
  if (existsSync(join(dir, "pom.xml"))) return "maven";
  throw new Error(`peers/${name} has neither requirements.txt nor pom.xml`);
}

function fingerprint(name) {
  const hash = createHash("sha256");
  const dir = join(specRoot, name);
  for (const file of readdirSync(dir).sort()) {
    hash.update(file);
    hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    ...options,
  });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function findPython() {
  for (const candidate of ["python3", "python"]) {
    const probe = run(candidate, ["-c", "import sys; print(sys.version_info[0]*100+sys.version_info[1])"]);
    if (probe.ok && Number(probe.output.trim()) >= 310) return candidate;
  }
  return null;
}

function installPython(name, home) {
  const python = findPython();
  if (python === null) return { ok: false, reason: "python3 (3.10 or newer) is not on PATH" };
  const venv = join(home, "venv");
  const created = run(python, ["-m", "venv", venv]);
  if (!created.ok) return { ok: false, reason: `python3 -m venv failed: ${tail(created.output)}` };
  const pip = join(venv, "bin", "pip");
  const installed = run(pip, [
    "install",
    "--disable-pip-version-check",
    "--quiet",
    "-r",
    join(specRoot, name, "requirements.txt"),
  ]);
  if (!installed.ok) return { ok: false, reason: `pip install failed: ${tail(installed.output)}` };
  return { ok: true, stamp: { python: join(venv, "bin", "python"), bin: join(venv, "bin") } };
}

function installMaven(name, home) {
  const mvn = run("mvn", ["-v"]);
  if (!mvn.ok) return { ok: false, reason: "mvn (Maven) is not on PATH" };
  const java = run("java", ["-version"]);
  if (!java.ok) return { ok: false, reason: "java is not on PATH" };
  const libs = join(home, "libs");
  const copied = run("mvn", [
    "-q",
    "-B",
    "-f",
    join(specRoot, name, "pom.xml"),
    "dependency:copy-dependencies",
    `-DoutputDirectory=${libs}`,
    "-DincludeScope=runtime",
  ]);
  if (!copied.ok)
    return { ok: false, reason: `mvn dependency:copy-dependencies failed: ${tail(copied.output)}` };
  return { ok: true, stamp: { classpath: join(libs, "*") } };
}

function tail(text) {
  return text.trim().split("\n").slice(-5).join(" | ");
}

function stampPath(name) {
  return join(cacheRoot, name, "ready.json");
}

function readStamp(name) {
  try {
    return JSON.parse(readFileSync(stampPath(name), "utf8"));
  } catch {
    return null;
  }
}

function install(name) {
  const print = fingerprint(name);
  const existing = readStamp(name);
  if (existing?.fingerprint === print) {
    console.log(`peer ${name}: ready (cached in ${join(cacheRoot, name)})`);
    return true;
  }
  const home = join(cacheRoot, name);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const started = Date.now();
  console.log(`peer ${name}: installing (${kindOf(name)}) …`);
  const outcome = kindOf(name) === "python" ? installPython(name, home) : installMaven(name, home);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (!outcome.ok) {
    writeFileSync(join(home, "failed.txt"), `${outcome.reason}\n`);
    console.log(`peer ${name}: NOT installed after ${seconds} s: ${outcome.reason}`);
    return false;
  }
  const stamp = { name, fingerprint: print, home, installedSeconds: seconds, ...outcome.stamp };
  writeFileSync(stampPath(name), `${JSON.stringify(stamp, null, 2)}\n`);
  console.log(`peer ${name}: installed in ${seconds} s`);
  return true;
}

const [command = "install", ...names] = process.argv.slice(2);
const all = specNames();
const unknown = names.filter((name) => !all.includes(name));
if (unknown.length > 0 || !["install", "status"].includes(command)) {
  console.error(`usage: node scripts/peers.mjs install|status [${all.join("|")} ...]`);
  process.exit(2);
}
const chosen = names.length > 0 ? names : all;
if (command === "status") {
  for (const name of chosen) {
    const stamp = readStamp(name);
    console.log(`${name}: ${stamp?.fingerprint === fingerprint(name) ? "ready" : "not installed"}`);
  }
  process.exit(0);
}
const failed = chosen.filter((name) => !install(name));
if (failed.length > 0) {
  const what = `peers not installed: ${failed.join(", ")}; the tests that need them will skip`;
  if (required) {
    console.error(`${what}, but PINPIPE_REQUIRE_PEERS=1 requires them`);
    process.exit(1);
  }
  console.log(what);
}
