import { describe, expect, it } from "vitest";
import { parseRunManifest } from "../../src/report/parseRunManifest";
import { RunFolderError } from "../../src/report/runFolderError";
import { sampleManifest, sampleResults } from "./runFolderFixture";

const valid = () => sampleManifest("2026-11-23", sampleResults()) as Record<string, unknown>;

const REMOVE = Symbol("remove");

/** A deep copy of the valid manifest with the field at dotted `path` set to `value` (or removed). */
function withField(path: string, value: unknown): unknown {
  const copy = structuredClone(valid());
  const keys = path.split(".");
  let parent = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}

function problemOf(manifest: unknown): string {
  try {
    parseRunManifest(JSON.stringify(manifest), "out/m.json");
  } catch (error) {
    expect(error).toBeInstanceOf(RunFolderError);
    return (error as Error).message;
  }
  throw new Error("the manifest was accepted");
}

const PREFIX = "out/m.json is not a valid pinpipe-batch/1 manifest: ";

describe("parseRunManifest", () => {
  it("accepts a manifest as the output contract describes it", () => {
    const manifest = parseRunManifest(JSON.stringify(valid()), "out/m.json");
    expect(manifest.runId).toBe("2026-11-23");
    expect(manifest.counts.user).toMatchObject({ in: 11_154, clean: 11_150, rejected: 4, duplicates: 0 });
    expect(manifest.results.q3_top).toEqual({
      json: "results/q3_top.json",
      csv: "results/q3_top.csv",
      rows: 1,
    });
    expect(manifest.files).toHaveLength(2);
  });

  it("keeps option keys it does not know, so later options still show", () => {
    const manifest = parseRunManifest(JSON.stringify(withField("options.workers", 4)), "out/m.json");
    expect(manifest.options).toEqual({ dedupe: true, median: "lower", ties: "all", workers: 4 });
  });

  it("keeps every rule and field name of the counts, __proto__ included", () => {
    const text = JSON.stringify(valid()).replace(
      '"byField":{"follower_count":21}',
      '"byField":{"__proto__":5,"follower_count":21}',
    );
    const manifest = parseRunManifest(text, "m.json");
    expect(Object.entries(manifest.counts.pin.byField)).toEqual([
      ["__proto__", 5],
      ["follower_count", 21],
    ]);
  });

  it("reads the source files the batch skipped, none when the manifest does not say", () => {
    expect(parseRunManifest(JSON.stringify(valid()), "m.json").skipped).toEqual([]);
    const skipped = [{ file: "exports/misc.ndjson", bytes: 1200 }];
    expect(parseRunManifest(JSON.stringify(withField("skipped", skipped)), "m.json").skipped).toEqual(
      skipped,
    );
    // Manifests written before the job core counted records instead; they still read.
    const older = [{ file: "exports/misc.ndjson", records: 12 }];
    expect(parseRunManifest(JSON.stringify(withField("skipped", older)), "m.json").skipped).toEqual(older);
  });

  it("rejects text that is not JSON, naming the file", () => {
    expect(() => parseRunManifest("{", "out/m.json")).toThrow(RunFolderError);
    expect(() => parseRunManifest("{", "out/m.json")).toThrow(/^out\/m\.json is not valid JSON/);
  });

  it.each([
    ["another format", "format", "pinpipe-batch/2", /^format: /],
    ["a negative count", "counts.pin.rejected", -1, /^counts\.pin\.rejected: /],
    ["a fractional count", "counts.geo.in", 1.5, /^counts\.geo\.in: /],
    ["a count as text", "counts.user.clean", "11150", /^counts\.user\.clean: /],
    ["a negative count by field", "counts.user.byField.ind", -4, /^counts\.user\.byField\.ind: /],
    ["counts by rule that are a list", "counts.geo.byRule", [], /^counts\.geo\.byRule: /],
    ["a missing table", "counts.geo", REMOVE, /^counts\.geo: /],
    ["a missing query result", "results.q3_top", REMOVE, /^results\.q3_top: /],
    ["a result path leaving the run", "results.q1.json", "../other/q1.json", /^results\.q1\.json: .*"\.\."/],
    ["an absolute result path", "results.q2.json", "/etc/passwd", /^results\.q2\.json: /],
    ["an unknown median", "options.median", "mean", /^options\.median: /],
    ["a bad sha256", "files.0.sha256", "abc", /^files\.0\.sha256: must be 64 hex digits/],
    ["an empty run id", "runId", "", /^runId: /],
    ["a skipped file without a size", "skipped", [{ file: "x.ndjson" }], /^skipped\.0: /],
  ])("rejects %s, naming the field in one line", (_, path, value, problem) => {
    const message = problemOf(withField(path, value));
    expect(message.startsWith(PREFIX)).toBe(true);
    expect(message.slice(PREFIX.length)).toMatch(problem);
    expect(message).not.toContain("\n");
  });

  it("rejects JSON that is not an object", () => {
    expect(problemOf([])).toMatch(/: \(top level\): /);
    expect(problemOf(null)).toMatch(/: \(top level\): /);
  });

  it("counts further problems instead of listing them", () => {
    expect(problemOf({ format: "pinpipe-batch/1" })).toMatch(/\(\+\d+ more problems\)$/);
  });
});
