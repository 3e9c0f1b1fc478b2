import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalOutputSink } from "../../src/output/index";
import { loadRunReport } from "../../src/report/loadRunReport";
import { RunFolderError } from "../../src/report/runFolderError";
import { sampleManifest, sampleResults, writeFile, writeRunFolder } from "./runFolderFixture";

const roots: string[] = [];
const fixture = (...args: Parameters<typeof writeRunFolder>) => {
  const root = writeRunFolder(...args);
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("loadRunReport", () => {
  it("reads the manifest and every result the manifest lists", async () => {
    const root = fixture("r1");
    const report = await loadRunReport(new LocalOutputSink(root), "r1");
    expect(report.location).toBe(`${root}/runs/r1`);
    expect(report.manifest.runId).toBe("r1");
    expect(report.results).toEqual(sampleResults());
  });

  it("reads results from the paths the manifest names", async () => {
    const results = sampleResults();
    const manifest = sampleManifest("r1", results);
    manifest.results.q6 = { json: "elsewhere/users.json", csv: "elsewhere/users.csv", rows: 1 };
    const root = fixture("r1", { manifest });
    writeFile(root, "runs/r1/elsewhere/users.json", '[{"post_year":2020,"number_users_joined":1}]');
    const report = await loadRunReport(new LocalOutputSink(root), "r1");
    expect(report.results.q6).toEqual([{ post_year: 2020, number_users_joined: 1 }]);
  });

  it("refuses a run without a manifest: unfinished or absent", async () => {
    const root = fixture("r1");
    rmSync(join(root, "runs/r1/manifest.json"));
    await expect(loadRunReport(new LocalOutputSink(root), "r1")).rejects.toThrow(
      `${root}/runs/r1 has no manifest.json: no such run, or it has not finished`,
    );
    await expect(loadRunReport(new LocalOutputSink(root), "nope")).rejects.toThrow(RunFolderError);
  });

  it("refuses a manifest that names another run", async () => {
    const root = fixture("r1", { manifest: sampleManifest("r2", sampleResults()) });
    await expect(loadRunReport(new LocalOutputSink(root), "r1")).rejects.toThrow(
      'manifest.json names run "r2", not "r1"',
    );
  });

  it("refuses a manifest that is not UTF-8", async () => {
    const root = fixture("r1");
    const sink = new LocalOutputSink(root);
    await sink.put("runs/r1/manifest.json", new Uint8Array([0x7b, 0xff, 0x7d]));
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(
      `${root}/runs/r1/manifest.json is not UTF-8 text`,
    );
  });

  it("refuses a missing, malformed or miscounted result file, naming it", async () => {
    const root = fixture("r1");
    const sink = new LocalOutputSink(root);
    const where = `${root}/runs/r1/results/q5.json`;
    await sink.remove("runs/r1/results/q5.json");
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(
      `${where} is missing (the manifest lists it for q5)`,
    );
    await sink.put("runs/r1/results/q5.json", "[{");
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(`${where} is not valid JSON`);
    await sink.put("runs/r1/results/q5.json", '{"rows":[]}');
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(`${where} is not an array of result rows`);
    await sink.put("runs/r1/results/q5.json", '[{"age_group":{"nested":true}}]');
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(
      /q5\.json is not an array of result rows: 0\.age_group: /,
    );
    await sink.put("runs/r1/results/q5.json", "[]");
    await expect(loadRunReport(sink, "r1")).rejects.toThrow(`${where} has 0 rows but the manifest says 4`);
  });
});
