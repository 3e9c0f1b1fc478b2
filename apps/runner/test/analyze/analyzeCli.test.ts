import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { testCliArgs } from "../support/testCli";
import { expectedResults } from "./expectedResults";
import { writeRawFixture } from "./writeRawFixture";

const fixture = writeRawFixture(120, 11);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

describe("pinpipe analyze as a process", () => {
  it("runs the CLI on two threads (the main one and a worker): exit 0, the results as JSON on stdout, the accounting on stderr", () => {
    const child = spawnSync(
      process.execPath,
      testCliArgs(["analyze", fixture.dir, "--json", "--dedupe", "--workers", "2"]),
      { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
    );
    expect(child.stderr).toMatch(/read on 2 threads \(the main thread and 1 worker\)/);
    expect(child.status).toBe(0);
    const { counts, options, ...printed } = JSON.parse(child.stdout);
    expect(printed).toEqual(expectedResults(fixture.lines, { dedupe: true }).results);
    expect(counts).toEqual(expectedResults(fixture.lines, { dedupe: true }).counts);
    expect(options).toMatchObject({ dedupe: true });
    expect(child.stderr).toMatch(/\n {2}pin +\d+ +\d+ +\d+ +\d+\n/);
  });
});
