import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalOutputSink, scopedOutputSink, validateOutputPath } from "../../src/output/index";
import { listFiles } from "../reliability/support/checkBatchOutput";
import { addCounts } from "../reliability/support/reliabilityTally";
import { hostilePaths } from "./hostileCorpus";

const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-paths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("hostile output paths never leave the output root", () => {
  const paths = hostilePaths();

  it("validateOutputPath refuses every path that climbs out, is absolute, or hides control characters", () => {
    for (const path of paths)
      expect(() => validateOutputPath(path), JSON.stringify(path)).toThrow(RangeError);
  });

  it("a local sink refuses them on put, get, exists and remove, and writes nothing anywhere", async () => {
    const out = join(root, "deep", "out");
    mkdirSync(out, { recursive: true });
    const sink = scopedOutputSink(new LocalOutputSink(out), "runs/r1");
    for (const path of paths) {
      await expect(sink.put(path, "x"), JSON.stringify(path)).rejects.toThrow(RangeError);
      await expect(sink.get(path), JSON.stringify(path)).rejects.toThrow(RangeError);
      await expect(sink.exists(path), JSON.stringify(path)).rejects.toThrow(RangeError);
      await expect(sink.remove(path), JSON.stringify(path)).rejects.toThrow(RangeError);
    }
    await sink.put("ok/file.json", "{}");
    expect(listFiles(root)).toEqual(["deep/out/runs/r1/ok/file.json"]);
    addCounts("hostile inputs", {
      "output paths: tried": paths.length * 4,
      "output paths: rejected": paths.length * 4,
    });
  });
});
