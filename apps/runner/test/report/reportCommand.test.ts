import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { HOSTILE_CATEGORY, writeFile, writeRunFolder } from "./runFolderFixture";

const roots: string[] = [];
const fixture = (...args: Parameters<typeof writeRunFolder>) => {
  const root = writeRunFolder(...args);
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function report(args: readonly string[], cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CommandContext = {
    stdout: new PassThrough().on("data", (d) => out.push(String(d))),
    stderr: new PassThrough().on("data", (d) => err.push(String(d))),
    interactive: false,
    cwd,
    env: {},
  };
  const code = await main(["report", ...args], commands, context);
  return { code, out: out.join(""), err: err.join("") };
}

describe("pinpipe report", () => {
  it("is listed by pinpipe --help", async () => {
    const out: string[] = [];
    const sink = new PassThrough().on("data", (d) => out.push(String(d)));
    await main(["--help"], commands, { stdout: sink, stderr: sink, interactive: false, cwd: "/", env: {} });
    expect(out.join("")).toMatch(/^ {2}report +write a self-contained HTML report/m);
  });

  it("reports the latest finished run next to it and prints the path", async () => {
    const root = fixture("2026-11-20");
    writeRunFolder("2026-11-21", { root });
    writeFile(root, "runs/2026-11-22/results/q1.json", "[]"); // unfinished: no manifest
    const { code, out, err } = await report([root]);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    const path = join(root, "runs/2026-11-21/report.html");
    expect(out).toBe(`${path}\n`);
    const html = readFileSync(path, "utf8");
    expect(html).toContain("<title>pinpipe run 2026-11-21</title>");
    expect(html).not.toContain(HOSTILE_CATEGORY);
    expect(existsSync(join(root, "runs/2026-11-20/report.html"))).toBe(false);
  });

  it("reports the run --run-id names, to the file --output names (relative to the working folder)", async () => {
    const root = fixture("old");
    writeRunFolder("new", { root });
    const { code, out } = await report([root, "--run-id", "old", "--output", "reports/old.html"], root);
    expect(code).toBe(0);
    expect(out).toBe(`${join(root, "reports/old.html")}\n`);
    expect(readFileSync(join(root, "reports/old.html"), "utf8")).toContain("<code>old</code>");
    expect(existsSync(join(root, "runs/old/report.html"))).toBe(false);
  });

  it("takes a relative output root from the working folder", async () => {
    const root = fixture("r");
    const { code, out } = await report(["."], root);
    expect(code).toBe(0);
    expect(out).toBe(`${join(root, "runs/r/report.html")}\n`);
  });

  it("fails with one line and exit code 1 when no run has finished", async () => {
    const root = fixture("r");
    rmSync(join(root, "runs/r/manifest.json"));
    const { code, out, err } = await report([root]);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toBe(
      `pinpipe report: no finished run in ${root}/runs/ (a run is finished once its manifest.json is written)\n`,
    );
    const named = await report([root, "--run-id", "r"]);
    expect(named.code).toBe(1);
    expect(named.err).toBe(
      `pinpipe report: ${root}/runs/r has no manifest.json: no such run, or it has not finished\n`,
    );
  });

  it("fails with one line and exit code 1 on an invalid manifest, naming the field", async () => {
    const root = fixture("r", { manifest: { format: "pinpipe-batch/1", runId: "r" } });
    const { code, err } = await report([root]);
    expect(code).toBe(1);
    expect(err).toMatch(
      new RegExp(
        `^pinpipe report: ${root}/runs/r/manifest\\.json is not a valid pinpipe-batch/1 manifest: source: .*\\(\\+\\d+ more problems\\)\\n$`,
      ),
    );
    writeFile(root, "runs/r/manifest.json", "not json");
    const notJson = await report([root]);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/^pinpipe report: .*manifest\.json is not valid JSON: [^\n]*\n$/);
  });

  it.each([
    [[], /expected one output root/],
    [["a", "b"], /expected one output root .*got 2/],
    [["out", "--run-id", "../x"], /--run-id: run id must be .*, got "\.\.\/x"/],
    [["out", "--run-id", "a/b"], /--run-id: run id must be .*, got "a\/b"/],
    [["out", "--colour"], /Unknown option '--colour'/],
    [["s3://Not_A_Bucket/x"], /not a valid S3 bucket name/],
  ])("exits 2 with one line on a usage error: %j", async (args, message) => {
    const { code, out, err } = await report(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^pinpipe report: /);
    expect(err).toMatch(message);
    expect(err.trimEnd()).not.toContain("\n");
  });

  it("explains itself with --help", async () => {
    const { code, out } = await report(["--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: pinpipe report <out> \[options\]/);
    expect(out).toContain("--run-id <id>");
    expect(out).toContain("--output <file>");
  });
});
