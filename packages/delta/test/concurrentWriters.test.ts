import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commitFileName, loadSnapshot, localDeltaStorage, readCommitActions } from "../src/index";

const SCRIPT = fileURLToPath(new URL("./support/appendCommits.ts", import.meta.url));

function runWriter(dir: string, writer: string, count: number): Promise<{ retries: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@pinpipe/source", "--import", "tsx", SCRIPT, dir, writer, String(count)],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as { retries: number });
      else reject(new Error(`writer ${writer} exited with ${code}: ${err}`));
    });
  });
}

describe("two writer processes appending to one local table at once", () => {
  it("lose no commit and reference every file exactly once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-race-"));
    try {
      const count = 150;
      await Promise.all([runWriter(dir, "a", count), runWriter(dir, "b", count)]);
      const snapshot = (await loadSnapshot(localDeltaStorage(dir)))!;
      expect(snapshot.version).toBe(2 * count - 1);
      expect(snapshot.files.size).toBe(2 * count);
      // Each file added by exactly one commit, across the whole history.
      const added = new Map<string, number>();
      for (let version = 0; version <= snapshot.version; version++) {
        for (const action of (await readCommitActions(localDeltaStorage(dir), version))!) {
          if ("add" in action) added.set(action.add.path, (added.get(action.add.path) ?? 0) + 1);
        }
      }
      expect(added.size).toBe(2 * count);
      expect([...added.values()].every((n) => n === 1)).toBe(true);
      const names = await readdir(join(dir, "_delta_log"));
      expect(names).toContain(commitFileName(2 * count - 1));
      expect(names.some((name) => name.includes(".tmp-"))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
