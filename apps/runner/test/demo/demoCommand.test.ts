import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { TableCounts } from "@pinpipe/clean";
import { loadSnapshot, localDeltaStorage } from "@pinpipe/delta";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("pinpipe demo", () => {
  let cwd: string;
  afterAll(async () => {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it("runs emulate → batch, emulate → stream and report against local servers", async () => {
    cwd = await mkdtemp(join(tmpdir(), "pinpipe-demo-"));
    const out: string[] = [];
    const err: string[] = [];
    const context: CommandContext = {
      stdout: new PassThrough().on("data", (d) => out.push(String(d))),
      stderr: new PassThrough().on("data", (d) => err.push(String(d))),
      interactive: false,
      cwd,
      env: {},
    };
    const code = await main(["demo", "--posts", "300", "--shards", "2"], commands, context);
    expect(err.join("")).not.toMatch(/failed/);
    expect(code).toBe(0);

    const summary = out.join("");
    expect(summary).toMatch(/pinpipe demo: done in/);
    const root = join(cwd, "pinpipe-out");
    const manifest = JSON.parse(await readFile(join(root, "runs/demo/manifest.json"), "utf8")) as {
      counts: Record<string, TableCounts>;
    };
    for (const table of ["pin", "geo", "user"]) {
      const c = manifest.counts[table]!;
      // Every emulated post reached the batch job and is accounted for.
      expect(c.in).toBe(300);
      expect(c.clean + c.rejected + c.duplicates).toBe(c.in);
    }
    const streamFiles = await filesUnder(join(root, "stream/tables"));
    expect(streamFiles.some((f) => f.endsWith(".parquet"))).toBe(true);
    // The stream job read the same posts and, on the same job core, counted them as batch did
    // (batch does not deduplicate by default, the stream never does).
    const checkpoints = await Promise.all(
      (await filesUnder(join(root, "stream/checkpoints"))).map(
        async (path) =>
          JSON.parse(await readFile(path, "utf8")) as {
            format: string;
            table: string;
            totals: TableCounts & { late: number; batches: number };
          },
      ),
    );
    expect(checkpoints.map((checkpoint) => checkpoint.table).sort()).toEqual(["geo", "pin", "user"]);
    for (const { format, table, totals } of checkpoints) {
      expect(format).toBe("pinpipe-stream-checkpoint/2");
      const { late: _late, batches, ...counts } = totals;
      expect(batches).toBeGreaterThan(0);
      expect(counts, table).toEqual(manifest.counts[table]);
      expect(summary).toMatch(
        new RegExp(
          `\\b${table} +\\S+: 300 records \\(\\d+ clean, \\d+ rejected[^)]*\\) in \\d+ batches; all runs 300 records`,
        ),
      );
    }
    expect(summary).toContain(`report: ${join(root, "runs/demo/report.html")}`);
    const html = await readFile(join(root, "runs/demo/report.html"), "utf8");
    expect(html).toContain("<svg");

    // A second run replaces the first instead of mixing with it.
    const again = await main(["demo", "--posts", "100"], commands, { ...context, stdout: new PassThrough() });
    expect(again).toBe(0);
    const second = JSON.parse(await readFile(join(root, "runs/demo/manifest.json"), "utf8")) as {
      counts: Record<string, { in: number; clean: number }>;
    };
    expect(second.counts.pin?.in).toBe(100);
    // The Delta tables: the second run of the run id replaced the first's rows in one commit.
    expect(summary).toContain("delta tables: ");
    for (const table of ["pin", "geo", "user"]) {
      const snapshot = (await loadSnapshot(
        localDeltaStorage(join(root, "tables", `pinpipe_${table}_table`)),
      ))!;
      expect(snapshot.version).toBe(1);
      const rows = [...snapshot.files.values()].reduce(
        (sum, add) => sum + JSON.parse(add.stats!).numRecords,
        0,
      );
      expect(rows).toBe(second.counts[table]?.clean);
    }
  }, 120_000);

  it("rejects bad options with exit code 2", async () => {
    const err: string[] = [];
    const context: CommandContext = {
      stdout: new PassThrough(),
      stderr: new PassThrough().on("data", (d) => err.push(String(d))),
      interactive: false,
      cwd: tmpdir(),
      env: {},
    };
    expect(await main(["demo", "--posts", "0"], commands, context)).toBe(2);
    expect(err.join("")).toBe('pinpipe demo: --posts must be an integer from 1 to 100000, got "0"\n');
  });
});
