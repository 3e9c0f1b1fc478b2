import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalOutputSink } from "../../src/output/index";
import { latestFinishedRun } from "../../src/report/latestFinishedRun";
import { RunFolderError } from "../../src/report/runFolderError";
import { writeFile, writeRunFolder } from "./runFolderFixture";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("latestFinishedRun", () => {
  it("picks the greatest run id among the runs that have a manifest.json", async () => {
    const root = writeRunFolder("2026-11-20");
    roots.push(root);
    writeRunFolder("2026-11-22", { root });
    writeRunFolder("2026-11-03", { root });
    expect(await latestFinishedRun(new LocalOutputSink(root))).toBe("2026-11-22");
  });

  it("ignores later runs without a manifest (unfinished) and stray files", async () => {
    const root = writeRunFolder("2026-11-20");
    roots.push(root);
    writeFile(root, "runs/2026-11-23/results/q1.json", "[]\n");
    writeFile(root, "runs/2026-11-24/manifest.json.tmp-abc123", "{");
    writeFile(root, "runs/2026-11-25/nested/manifest.json", "{}");
    writeFile(root, "runs/manifest.json", "{}");
    expect(await latestFinishedRun(new LocalOutputSink(root))).toBe("2026-11-20");
  });

  it("fails with a clear error when no run has finished or there is no runs folder", async () => {
    const root = writeRunFolder("x");
    roots.push(root);
    rmSync(join(root, "runs/x/manifest.json"));
    const sink = new LocalOutputSink(root);
    await expect(latestFinishedRun(sink)).rejects.toThrow(RunFolderError);
    await expect(latestFinishedRun(sink)).rejects.toThrow(`no finished run in ${root}/runs/`);
    mkdirSync(join(root, "empty"));
    await expect(latestFinishedRun(new LocalOutputSink(join(root, "empty")))).rejects.toThrow(
      /no finished run/,
    );
    await expect(latestFinishedRun(new LocalOutputSink(join(root, "absent")))).rejects.toThrow(
      /no finished run/,
    );
  });
});
