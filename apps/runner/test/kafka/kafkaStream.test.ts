import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { openOutputSink } from "../../src/output/index";
import { expectedRecords, rowOf, runEmulateCommand, TABLES } from "../emulate/emulatorExpectations";
import { memoryContext } from "../stream/commandContext";
import { readStreamOutput } from "../stream/readStreamOutput";
import { useKafkaBroker } from "./kafkaBroker";

async function runStreamCommand(...args: string[]) {
  const io = memoryContext();
  const code = await main(["stream", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** Every Kafka partition checkpoint under the output, by topic. */
async function kafkaCheckpoints(
  out: string,
): Promise<Record<string, { partition: number; next: string; totals: { in: number } }[]>> {
  const root = join(out, "stream/checkpoints/kafka");
  const result: Record<string, { partition: number; next: string; totals: { in: number } }[]> = {};
  for (const topic of await readdir(root)) {
    result[topic] = [];
    for (const file of await readdir(join(root, topic))) {
      result[topic].push(JSON.parse(await readFile(join(root, topic, file), "utf8")));
    }
  }
  return result;
}

describeWithPeer("kafka", "pinpipe emulate --to kafka → pinpipe stream --source kafka", (kafka) => {
  const broker = useKafkaBroker(kafka);
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });
  const newFolder = async (): Promise<string> => {
    const folder = await mkdtemp(join(tmpdir(), "pinpipe-kafka-stream-"));
    folders.push(folder);
    return folder;
  };

  it("writes every emulated record exactly once, in the same clean rows, with counts that reconcile", async () => {
    const emulated = await runEmulateCommand(
      "--to",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "e2e",
      "--partitions",
      "3",
      "--count",
      "60",
      "--sleep",
      "none",
      "--seed",
      "100",
    );
    expect(emulated.stderr).toBe("");
    expect(emulated.code).toBe(0);
    expect(emulated.stdout).toContain("60 posts sent to Kafka topics e2e.pin, e2e.geo, e2e.user");
    expect(emulated.stdout).toMatch(/records: pin 60, geo 60, user 60; \d+ produce calls, \d+ resends/);

    const out = await newFolder();
    const streamed = await runStreamCommand(
      "--source",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "e2e",
      "--group",
      "e2e-stream",
      "--out",
      out,
      "--until-idle",
      "3",
      "--batch-records",
      "7",
      "--batch-seconds",
      "1",
    );
    expect(streamed.code).toBe(0);
    for (const table of TABLES) {
      expect(streamed.stdout).toMatch(
        new RegExp(`${table}\\s+e2e\\.${table}: 60 records \\(60 clean, 0 rejected\\)`),
      );
    }

    const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
    expect(output.other).toEqual([]);
    const expected = expectedRecords(100, 60, 0);
    for (const table of TABLES) {
      const rows = output.tables[table]!.map((entry) => entry.row);
      expect(rows).toHaveLength(60);
      expect(rows.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(
        expected[table].map(rowOf).sort((a, b) => a - b),
      );
      // Three partitions, seven records per batch at most, files named after offsets.
      const shards = new Set(output.tables[table]!.map((entry) => entry.object.shardId));
      expect([...shards].sort()).toEqual([`e2e.${table}-0`, `e2e.${table}-1`, `e2e.${table}-2`]);
    }
    const checkpoints = await kafkaCheckpoints(out);
    for (const table of TABLES) {
      const parts = checkpoints[`e2e.${table}`]!.sort((a, b) => a.partition - b.partition);
      // Round-robin: 60 records over 3 partitions, 20 each.
      expect(parts.map((part) => part.next)).toEqual(["20", "20", "20"]);
      expect(parts.reduce((sum, part) => sum + part.totals.in, 0)).toBe(60);
    }
  }, 120_000);
});
