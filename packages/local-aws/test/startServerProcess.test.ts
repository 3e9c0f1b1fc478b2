import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { acceptsConnections, runFixture, waitUntilGone } from "./processes";

function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

interface Report {
  pids: number[];
  ports: number[];
  directory: string;
}

function reported(stdout: string): Report {
  const line = stdout.split("\n").find((text) => text.startsWith("{"));
  const parsed = JSON.parse(line ?? "{}") as Partial<Report>;
  return { pids: parsed.pids ?? [], ports: parsed.ports ?? [], directory: parsed.directory ?? "" };
}

describe("server processes and their parent", () => {
  // Both fixtures run at once: each needs a TypeScript start-up that dominates the time.
  const killed = runFixture(fixture("startThenDie.ts"));
  const returned = runFixture(fixture("startThenReturn.ts"));

  it("stop when the parent is killed without any chance to clean up", async () => {
    const result = await killed;
    expect(result.signal).toBe("SIGKILL");
    const { pids, ports, directory } = reported(result.stdout);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(await waitUntilGone(pid)).toBe(true);
    for (const port of ports) expect(await acceptsConnections(port)).toBe(false);
    expect(directory).not.toBe("");
    expect(existsSync(directory)).toBe(false);
  });

  it("do not keep the parent alive and stop when it exits normally", async () => {
    const result = await returned;
    expect(result.code).toBe(0);
    const { pids, ports, directory } = reported(result.stdout);
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(await waitUntilGone(pid)).toBe(true);
    for (const port of ports) expect(await acceptsConnections(port)).toBe(false);
    expect(directory).not.toBe("");
    expect(existsSync(directory)).toBe(false);
  });
});
