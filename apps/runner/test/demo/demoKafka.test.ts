import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { kafkaClasspath } from "../../src/demo/runKafkaDemo";
import { main } from "../../src/main";
import { memoryContext } from "../stream/commandContext";

describeWithPeer("kafka", "pinpipe demo --kafka", (kafka) => {
  let cwd: string | undefined;
  afterAll(async () => {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it("runs emulate → Kafka → connect-s3 → batch → report and the Kafka stream with two members", async () => {
    cwd = await mkdtemp(join(tmpdir(), "pinpipe-demo-kafka-"));
    const io = memoryContext({ PINPIPE_KAFKA_CLASSPATH: kafka.classpath! });
    const code = await main(["demo", "--kafka", "--posts", "200"], commands, { ...io.context, cwd });
    expect(io.stderr()).not.toMatch(/failed/);
    expect(code).toBe(0);
    const summary = io.stdout();
    expect(summary).toMatch(/pinpipe demo: done in/);
    expect(summary).toMatch(/batch run \(runs\/demo-kafka\):/);
    const root = join(cwd, "pinpipe-out");
    const manifest = JSON.parse(await readFile(join(root, "runs/demo-kafka/manifest.json"), "utf8")) as {
      counts: Record<string, { in: number }>;
    };
    for (const table of ["pin", "geo", "user"]) expect(manifest.counts[table]?.in, table).toBe(200);
    // The two members wrote the 200 records of each table between them, each once.
    const written = (table: string): number =>
      [...summary.matchAll(new RegExp(`${table}\\s+pinpipe\\.${table}: (\\d+) records`, "g"))].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    for (const table of ["pin", "geo", "user"]) expect(written(table), table).toBe(200);
    const raw = await readdir(join(root, "kafka/raw/topics"));
    expect(raw.sort()).toEqual(["pinpipe.geo", "pinpipe.pin", "pinpipe.user"]);
    expect(summary).toMatch(/report: .*runs\/demo-kafka\/report\.html/);
  }, 300_000);

  it("finds the broker's jars from the environment or a .peers/kafka/libs folder, or says how to get them", async () => {
    const empty = await mkdtemp(join(tmpdir(), "pinpipe-demo-kafka-none-"));
    try {
      expect(kafkaClasspath({ PINPIPE_KAFKA_CLASSPATH: "/opt/kafka/libs/*" }, [empty])).toBe(
        "/opt/kafka/libs/*",
      );
      expect(() => kafkaClasspath({}, [empty])).toThrow(/node scripts\/peers\.mjs install kafka/);
      await mkdir(join(empty, ".peers/kafka/libs"), { recursive: true });
      await mkdir(join(empty, "apps/runner"), { recursive: true });
      expect(kafkaClasspath({}, [join(empty, "apps/runner")])).toBe(join(empty, ".peers/kafka/libs/*"));
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
