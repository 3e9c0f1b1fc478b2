import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generatePostLines } from "@pinpipe/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/batch/runBatch";
import { LocalOutputSink } from "../../src/output/index";

const work = mkdtempSync(join(tmpdir(), "pinpipe-batch-workers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

describe("runBatch on worker threads", () => {
  it("writes the same bytes whether the source is read on worker threads or on this thread", async () => {
    const source = join(work, "source");
    mkdirSync(source, { recursive: true });
    const lines = { pin: [] as string[], geo: [] as string[], user: [] as string[] };
    for (const post of generatePostLines({ seed: 11, count: 6000, dirty: 0.1, duplicates: 0.1 })) {
      lines.pin.push(post.pin);
      lines.geo.push(post.geo);
      lines.user.push(post.user);
    }
    for (const table of ["pin", "geo", "user"] as const) {
      writeFileSync(join(source, `${table}.ndjson`), `${lines[table].join("\n")}\n`);
    }
    const runs: Record<string, string>[] = [];
    // Small row groups and files: many flushes, and files finished while reading goes on.
    const files = { rowGroupBytes: 48 * 1024, maxHeldBytes: 256 * 1024, maxFileBytes: 128 * 1024 };
    for (const [runId, threads] of [
      ["alone", 1],
      ["workers", 2],
    ] as const) {
      const manifest = await runBatch({
        source: { kind: "local", path: source },
        out: new LocalOutputSink(join(work, "out")),
        runId,
        dedupe: true,
        median: "lower",
        ties: "all",
        threads,
        workerInputBytes: 0,
        files,
      });
      expect(manifest.counts.pin.in).toBe(6000);
      const { "manifest.json": _, ...rest } = hashes(join(work, "out", "runs", runId));
      runs.push(rest);
    }
    expect(Object.keys(runs[0]!).filter((path) => path.endsWith(".parquet")).length).toBeGreaterThan(20);
    expect(runs[1]).toEqual(runs[0]);
  });
});
