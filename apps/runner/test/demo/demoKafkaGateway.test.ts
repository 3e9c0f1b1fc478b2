import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { memoryContext } from "../stream/commandContext";

describeWithPeer("kafka", "pinpipe demo --kafka --gateway", (kafka) => {
  let cwd: string | undefined;
  afterAll(async () => {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it("posts the emulator's records over HTTP through a gateway to the broker, each once", async () => {
    cwd = await mkdtemp(join(tmpdir(), "pinpipe-demo-gateway-"));
    const io = memoryContext({ PINPIPE_KAFKA_CLASSPATH: kafka.classpath! });
    const code = await main(
      ["demo", "--kafka", "--gateway", "--posts", "150", "--partitions", "2"],
      commands,
      {
        ...io.context,
        cwd,
      },
    );
    expect(io.stderr()).not.toMatch(/failed/);
    expect(code).toBe(0);
    expect(io.stderr()).toMatch(
      /gateway http:\/\/127\.0\.0\.1:\d+\/demo: emulate --to rest-proxy posts through it/,
    );
    // 150 records a table, 50 a request: at least 9 requests.
    const requests = Number(/gateway drained after (\d+) requests/.exec(io.stderr())?.[1]);
    expect(requests).toBeGreaterThanOrEqual(9);
    const manifest = JSON.parse(
      await readFile(join(cwd, "pinpipe-out", "runs/demo-kafka/manifest.json"), "utf8"),
    ) as { counts: Record<string, { in: number }> };
    for (const table of ["pin", "geo", "user"]) expect(manifest.counts[table]?.in, table).toBe(150);
  }, 240_000);

  it("refuses --gateway without --kafka", async () => {
    const io = memoryContext();
    expect(await main(["demo", "--gateway"], commands, io.context)).toBe(2);
    expect(io.stderr()).toMatch(/--gateway is for --kafka/);
  });
});
